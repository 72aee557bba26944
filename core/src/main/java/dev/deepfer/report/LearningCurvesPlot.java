package dev.deepfer.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Several training runs side by side, as a PNG: validation accuracy per epoch in one panel and
 * training accuracy per epoch in the other (percent), one colour per run. With runs of one
 * architecture and recipe at different schedule lengths it is the learning curve — what more
 * epochs buy on the validation split, and how far training accuracy runs ahead of it.
 */
public final class LearningCurvesPlot {

    /** A run's name and its epochs. */
    public record Run(String name, List<EpochPoint> epochs) {
        public Run {
            if (epochs.isEmpty()) {
                throw new IllegalArgumentException("run '" + name + "' has no epochs to plot");
            }
            epochs = epochs.stream().sorted(Comparator.comparingInt(EpochPoint::epoch)).toList();
        }
    }

    private LearningCurvesPlot() {}

    /** Writes a {@link TrainingCurvesPlot#DEFAULT_WIDTH}-wide plot of {@code runs} to {@code png}. */
    public static void write(List<Run> runs, String title, Path png) throws IOException {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to plot");
        }
        Charts.writeSideBySide(png, TrainingCurvesPlot.DEFAULT_WIDTH, TrainingCurvesPlot.DEFAULT_HEIGHT, title,
                (g, area) -> new LinePanel("Validation accuracy", "epoch", "accuracy (%)")
                        .draw(g, area, series(runs, EpochPoint::valAccuracy), List.of()),
                (g, area) -> new LinePanel("Training accuracy", "epoch", "accuracy (%)")
                        .draw(g, area, series(runs, EpochPoint::trainAccuracy), List.of()));
    }

    /** The colour {@link #write} draws the {@code index}-th run in. */
    static Color colour(int index) {
        return Charts.series(index);
    }

    private static List<LinePanel.Series> series(List<Run> runs, ToDoubleFunction<EpochPoint> accuracy) {
        List<LinePanel.Series> out = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            out.add(TrainingCurvesPlot.series(runs.get(i).name(), colour(i), runs.get(i).epochs(), accuracy, 100));
        }
        return out;
    }
}
