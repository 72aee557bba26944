package dev.deepfer.cli;

import dev.deepfer.eval.EvaluationReport;

import java.io.IOException;
import java.nio.file.Path;

/** Writes report images for commands. */
final class Reports {
    private Reports() {
    }

    static void confusionPng(EvaluationReport report, Path png) throws IOException {
        throw new UnsupportedOperationException("confusion PNG not wired yet");
    }
}
