package dev.deepfer.cli;

import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.Fer2013Csv;
import dev.deepfer.data.Fer2013Split;
import dev.deepfer.eval.RegressionSubset;
import dev.deepfer.eval.RobustnessReport;
import dev.deepfer.eval.corrupt.Corruption;
import dev.deepfer.infer.LoadedModel;
import dev.deepfer.infer.Models;
import dev.deepfer.report.CorruptionGrid;
import dev.deepfer.report.RobustnessPlot;
import dev.deepfer.robust.ModelScores;
import dev.deepfer.robust.RobustnessBenchmark;
import dev.deepfer.train.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code deepfer robustness}: accuracy of a bundle (each member and the ensemble) under every
 * corruption family and severity of a FER2013 split, with mCA, relative drop and mCE.
 */
@Command(name = "robustness", mixinStandardHelpOptions = true,
        description = "Corruption benchmark on a FER2013 split: accuracy per corruption and severity, mean corruption "
                + "accuracy, relative drop and mCE against a baseline; Markdown or JSON, and a PNG chart.")
public final class RobustnessCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin DataOptions data;
    @Mixin ModelOption model;

    @Option(names = "--split", defaultValue = "PrivateTest", description = "Training, PublicTest or PrivateTest.")
    String split;
    @Option(names = "--limit", description = "Use a seeded sample of this many images.") Integer limit;
    @Option(names = "--seed", defaultValue = "2026", description = "Corruption seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--corruptions", split = ",", description = "Families (default: all): "
            + "${COMPLETION-CANDIDATES}", completionCandidates = TrainCommand.CorruptionNames.class)
    List<String> corruptions;
    @Option(names = "--baseline", paramLabel = "<name|bundle>", description = "mCE baseline: a member's name, or "
            + "another bundle directory to measure alongside (default: the first member).")
    String baseline;
    @Option(names = "--json", description = "Print JSON instead of Markdown.") boolean json;
    @Option(names = "--png", description = "Write the accuracy-by-severity chart here.") Path png;
    @Option(names = "--json-file", description = "Also write the JSON report to this file.") Path jsonFile;
    @Option(names = "--from-json", paramLabel = "<file>", description = "Tabulate and chart a report written by "
            + "--json-file instead of running the benchmark (model, data and corruption options are not used).")
    Path fromJson;
    @Option(names = "--examples-png", description = "Write the first three faces under every corruption and "
            + "severity here.") Path examplesPng;

    @Override
    public Integer call() throws Exception {
        if (fromJson != null) {
            if (!Files.isRegularFile(fromJson)) {
                throw new IllegalArgumentException("no robustness report at " + fromJson);
            }
            RobustnessReport saved;
            try {
                saved = RobustnessReport.fromJson(Files.readString(fromJson));
            } catch (java.io.IOException | RuntimeException e) {
                throw new IllegalArgumentException(fromJson + " is not a robustness report written by "
                        + "--json-file: " + e.getMessage(), e);
            }
            report(saved);
            return 0;
        }
        Fer2013Split s = Fer2013Split.parse(split);
        List<Corruption> families = corruptions == null ? List.of(Corruption.values())
                : corruptions.stream().map(Corruption::parse).toList();
        List<LoadedModel> models = new ArrayList<>();
        try {
            models.add(Models.load(model.bundle()));
            String baselineName = baseline;
            if (baseline != null && !ModelScores.rowNames(models.get(0)).contains(baseline)) {
                if (!Files.isDirectory(Path.of(baseline))) {
                    throw new IllegalArgumentException("--baseline '" + baseline + "' is neither a row of the model "
                            + ModelScores.rowNames(models.get(0)) + " nor a bundle directory");
                }
                LoadedModel other = Models.load(Path.of(baseline));
                models.add(other);
                List<String> rows = ModelScores.rowNames(other);
                baselineName = rows.get(rows.size() - 1);
            }
            FaceDataset faces = Fer2013Csv.load(data.fer2013(), s);
            if (limit != null) {
                faces = faces.sample(Math.min(limit, faces.count()), RegressionSubset.SEED);
            }
            if (examplesPng != null) {
                int k = Math.min(3, faces.count());
                List<byte[]> shown = new ArrayList<>();
                for (int i = 0; i < k; i++) {
                    shown.add(faces.image(i));
                }
                CorruptionGrid.write(shown, java.util.stream.IntStream.range(0, k).toArray(), faces.imageSize(), seed,
                        examplesPng);
            }
            RobustnessReport report = RobustnessBenchmark.run(models, faces, families, seed, baselineName,
                    System.err::println);
            report(report);
        } finally {
            models.forEach(LoadedModel::close);
        }
        return 0;
    }

    /** Prints the report and writes the files asked for. */
    private void report(RobustnessReport report) throws java.io.IOException {
        System.out.println(json ? report.toJson().toPrettyString() : report.toMarkdown());
        if (jsonFile != null) {
            AtomicFiles.writeString(jsonFile, report.toJson().toPrettyString() + "\n");
        }
        if (png != null) {
            RobustnessPlot.write(report, "Accuracy under corruption, " + report.data() + " (n=" + report.n() + ")", png);
            System.err.println("chart written to " + png);
        }
    }
}
