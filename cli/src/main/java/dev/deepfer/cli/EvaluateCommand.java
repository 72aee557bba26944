package dev.deepfer.cli;

import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.Fer2013Csv;
import dev.deepfer.data.Fer2013Split;
import dev.deepfer.data.TtaMode;
import dev.deepfer.eval.DatasetScorer;
import dev.deepfer.eval.EvaluationReport;
import dev.deepfer.infer.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code deepfer evaluate}: accuracy, F1 and the confusion matrix of a bundle on a FER2013 split. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a model bundle on a FER2013 split: accuracy, per-class and macro F1, confusion matrix.")
public final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Option(names = "--model", description = "Model bundle directory (default: the bundled default model).")
    Path model;

    @Option(names = "--split", defaultValue = "PrivateTest", description = "Training, PublicTest or PrivateTest.")
    String split;

    @Option(names = "--tta", defaultValue = "none", description = "Test-time augmentation: none, flip, ten-crop.")
    String tta;

    @Option(names = "--limit", description = "Evaluate a seeded sample of this many images.")
    Integer limit;

    @Option(names = "--json", description = "Print the machine-readable report instead of the table.")
    boolean json;

    @Option(names = "--confusion-png", description = "Write the confusion-matrix heat map here.")
    Path confusionPng;

    @Override
    public Integer call() throws Exception {
        Path bundleDir = model != null ? model : ModelBundle.defaultLocation();
        Fer2013Split s = Fer2013Split.parse(split);
        TtaMode mode = Commands.parseEnum(TtaMode.class, tta);
        Path csv = data.fer2013();
        try (ModelBundle bundle = ModelBundle.load(bundleDir)) {
            FaceDataset faces = Fer2013Csv.load(csv, s);
            if (limit != null) {
                faces = faces.sample(Math.min(limit, faces.count()), 2026);
            }
            float[][] probs = DatasetScorer.probabilities(bundle, bundle.normalization(), faces, mode, 256);
            EvaluationReport report = EvaluationReport.of(bundle.manifest().name(), csv.toString(), s.csvName(),
                    DatasetScorer.confusion(probs, faces));
            System.out.println(json ? report.toJson() : report.toTable());
            if (confusionPng != null) {
                Reports.confusionPng(report, confusionPng);
            }
        }
        return 0;
    }
}
