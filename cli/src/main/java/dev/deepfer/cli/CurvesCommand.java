package dev.deepfer.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.deepfer.report.LearningCurvesPlot;
import dev.deepfer.report.TrainingCurvesPlot;
import dev.deepfer.train.TrainingHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code deepfer curves}: several training runs (or bundles) in one learning-curve PNG, and a
 * table of what each came to. Reads only the runs' logs: no model is loaded, no data read.
 */
@Command(name = "curves", mixinStandardHelpOptions = true,
        description = "Compare training runs: validation and training accuracy per epoch in one PNG, and a "
                + "Markdown table (epochs, best and last validation accuracy, training accuracy, hours).")
public final class CurvesCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "[NAME=]RUN", description = "A training run directory "
            + "(metrics.jsonl), a metrics.jsonl file or a model bundle (its manifest's training history); "
            + "NAME labels it (default: the directory name).")
    List<String> runs;

    @Option(names = "--out", required = true, description = "PNG file to write.") Path out;

    @Option(names = "--title", defaultValue = "Learning curves", description = "Chart title (default: ${DEFAULT-VALUE}).")
    String title;

    @Option(names = "--train-cores", defaultValue = "2",
            description = "Threads assumed for CPU-hours where a run did not record its own per epoch "
                    + "(default: ${DEFAULT-VALUE}).")
    int assumedThreads;

    @Override
    public Integer call() throws Exception {
        List<LearningCurvesPlot.Run> plotted = new ArrayList<>(runs.size());
        StringBuilder table = new StringBuilder("| run | epochs | best validation (epoch) | last validation "
                + "| last training accuracy | wall hours | CPU-hours |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        int assumed = 0;
        for (String arg : runs) {
            int eq = arg.indexOf('=');
            Path source = Path.of(eq < 0 ? arg : arg.substring(eq + 1));
            String name = eq < 0 ? defaultName(source) : arg.substring(0, eq);
            ArrayNode history = TrainingHistory.load(source);
            if (history.isEmpty()) {
                throw new IllegalArgumentException(source + " has no epoch lines yet");
            }
            plotted.add(new LearningCurvesPlot.Run(name, TrainingCurvesPlot.fromHistory(history)));
            TrainingHistory.Summary s = TrainingHistory.summarise(history, assumedThreads);
            assumed += s.epochsWithoutThreads();
            table.append(String.format(Locale.ROOT, "| %s | %d | %.2f%% (%d) | %.2f%% | %.2f%% | %.2f | %.2f%s |%n",
                    name, s.epochs(), 100 * s.bestValAccuracy(), s.bestEpoch(), 100 * s.lastValAccuracy(),
                    100 * s.lastTrainAccuracy(), s.wallHours(), s.cpuHours(), s.epochsWithoutThreads() > 0 ? "*" : ""));
        }
        LearningCurvesPlot.write(plotted, title, out);
        System.out.print(table);
        if (assumed > 0) {
            System.out.printf(Locale.ROOT, "%n* %d epoch(s) did not record their threads and count as %d.%n",
                    assumed, assumedThreads);
        }
        System.out.println("learning curves: " + out);
        return 0;
    }

    /** A run's name by default: its folder's, also when the argument is a file in it (its metrics.jsonl). */
    static String defaultName(Path source) {
        Path p = source.toAbsolutePath().normalize();
        Path folder = Files.isRegularFile(p) && p.getParent() != null ? p.getParent() : p;
        return String.valueOf(folder.getFileName());
    }
}
