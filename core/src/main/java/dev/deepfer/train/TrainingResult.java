package dev.deepfer.train;

import java.nio.file.Path;

/**
 * Outcome of a training run.
 *
 * @param dir          run directory
 * @param bestEpoch    1-based epoch of the best validation metric
 * @param bestMetric   that metric's value
 * @param epochsRun    epochs completed (including earlier sessions of a resumed run)
 * @param steps        global optimiser steps
 * @param seconds      wall time of this session's part of the run
 * @param bestParams   file with the best parameters
 */
public record TrainingResult(Path dir, int bestEpoch, double bestMetric, int epochsRun, long steps, double seconds,
                             Path bestParams) {
}
