package dev.deepfer.cli;

import dev.deepfer.eval.EvaluationReport;
import dev.deepfer.report.ConfusionMatrixPlot;
import dev.deepfer.report.TrainingCurvesPlot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Writes report images for commands. */
final class Reports {
    private Reports() {
    }

    static void confusionPng(EvaluationReport report, Path png) throws IOException {
        String title = String.format(Locale.ROOT, "%s on %s (n=%d, accuracy %.2f%%)", report.model(), report.split(),
                report.n(), 100 * report.accuracy());
        ConfusionMatrixPlot.write(report.confusionMatrix(), title, png);
    }

    /** Draws a run's loss and accuracy per epoch to {@code <run>/curves.png} and returns the file. */
    static Path trainingCurves(Path run, String title) throws IOException {
        Path png = run.resolve("curves.png");
        TrainingCurvesPlot.write(TrainingCurvesPlot.readJsonl(run.resolve("metrics.jsonl")), title, png);
        return png;
    }
}
