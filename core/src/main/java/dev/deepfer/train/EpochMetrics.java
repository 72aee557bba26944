package dev.deepfer.train;

/**
 * One finished epoch as {@code metrics.jsonl} records it.
 *
 * @param threads the PyTorch intra-op threads the epoch ran with, so CPU-hours are wall hours
 *                times the cores actually used rather than an assumed count
 * @param cpuSeconds the process CPU time the epoch used (all threads), NaN where not measurable;
 *                   unlike wall time times threads it does not count time the run was paused or
 *                   waited for the CPU
 */
public record EpochMetrics(int epoch, long step, double trainLoss, double trainAccuracy, double valLoss,
                           double valAccuracy, double valMacroF1, double lr, double maxGradNorm, int skippedSteps,
                           double imagesPerSecond, double trainSeconds, double epochSeconds, int threads,
                           double cpuSeconds) {
}
