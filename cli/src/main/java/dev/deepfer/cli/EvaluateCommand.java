package dev.deepfer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.Fer2013Csv;
import dev.deepfer.data.Fer2013Split;
import dev.deepfer.data.TtaMode;
import dev.deepfer.eval.DatasetScorer;
import dev.deepfer.eval.EvaluationReport;
import dev.deepfer.eval.RegressionSubset;
import dev.deepfer.eval.ResultsTable;
import dev.deepfer.infer.LoadedModel;
import dev.deepfer.infer.ModelBundle;
import dev.deepfer.infer.Models;
import dev.deepfer.model.FaceClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code deepfer evaluate}: accuracy, F1 and the confusion matrix of a bundle on a FER2013 split;
 * for an ensemble, each member and the ensemble.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a model bundle (member or ensemble) on a FER2013 split: accuracy, per-class and "
                + "macro F1, confusion matrix.")
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

    @Option(names = "--unseen", description = "Only the images with no exact pixel copy in Training (FER2013's "
            + "PublicTest has 280 such copies, PrivateTest 288): accuracy on faces the model cannot know by heart.")
    boolean unseen;

    @Option(names = "--json", description = "Print the machine-readable report instead of the table.")
    boolean json;

    @Option(names = "--record", description = "Store the result in the bundle's manifest metrics under "
            + "<split>[_unseen][_sample<limit>][_<tta>] (the weights and their hash are untouched).")
    boolean record;

    @Option(names = "--confusion-png", description = "Write the confusion-matrix heat map (of the ensemble) here.")
    Path confusionPng;

    @Override
    public Integer call() throws Exception {
        Path bundleDir = ModelOption.bundle(model);
        if (record) {
            ModelOption.requireWritable(bundleDir, "--record");
        }
        Fer2013Split s = Fer2013Split.parse(split);
        TtaMode mode = Commands.parseEnum(TtaMode.class, tta);
        try (LoadedModel loaded = Models.load(bundleDir)) {
            Path csv = data.fer2013();
            FaceDataset faces = Fer2013Csv.load(csv, s);
            if (unseen) {
                faces = unseen(faces, csv, s);
            }
            if (limit != null) {
                faces = faces.sample(Math.min(limit, faces.count()), RegressionSubset.SEED);
            }
            List<ResultsTable.Row> rows = new ArrayList<>();
            ObjectNode members = new ObjectMapper().createObjectNode();
            if (loaded.members().size() > 1) {
                for (ModelBundle m : loaded.members()) {
                    EvaluationReport r = evaluate(m, loaded, faces, csv, s, mode, m.name());
                    rows.add(new ResultsTable.Row(m.name(), r));
                    members.set(m.name(), new ObjectMapper().readTree(r.toJson()));
                }
            }
            EvaluationReport report = evaluate(loaded, loaded, faces, csv, s, mode, loaded.name());
            rows.add(new ResultsTable.Row(loaded.members().size() > 1 ? "**" + loaded.name() + "** (ensemble)"
                    : loaded.name(), report));
            if (json) {
                ObjectNode out = (ObjectNode) new ObjectMapper().readTree(report.toJson());
                if (!members.isEmpty()) {
                    out.set("members", members);
                }
                out.put("tta", mode.name().toLowerCase(java.util.Locale.ROOT));
                System.out.println(out.toPrettyString());
            } else {
                System.out.println(report.toTable());
                System.out.println(ResultsTable.markdown(rows));
            }
            if (confusionPng != null) {
                Reports.confusionPng(report, confusionPng);
            }
            if (record) {
                String key = RegressionSubset.metricKey(s, unseen, limit, mode);
                loaded.recordMetric(key, new ObjectMapper().readTree(report.toJson()));
                System.err.println("recorded as metrics." + key + " in " + bundleDir);
            }
        }
        return 0;
    }

    /** {@code faces} without the images that Training holds a copy of; refused when none is left. */
    private static FaceDataset unseen(FaceDataset faces, Path csv, Fer2013Split s) throws java.io.IOException {
        if (s == Fer2013Split.TRAINING) {
            throw new IllegalArgumentException("--unseen compares a test split with Training: choose PublicTest or "
                    + "PrivateTest");
        }
        FaceDataset kept = faces.withoutCopiesIn(Fer2013Csv.load(csv, Fer2013Split.TRAINING));
        System.err.printf(java.util.Locale.ROOT, "%s: %,d of %,d images have no copy in Training%n", s.csvName(),
                kept.count(), faces.count());
        if (kept.count() == 0) {
            throw new IllegalArgumentException("every " + s.csvName() + " image of " + csv
                    + " has a copy in Training: nothing is left to evaluate with --unseen");
        }
        return kept;
    }

    static EvaluationReport evaluate(FaceClassifier c, LoadedModel loaded, FaceDataset faces, Path csv,
                                             Fer2013Split s, TtaMode mode, String name) {
        float[][] probs = DatasetScorer.probabilities(c, loaded.normalization(), faces, mode, 256);
        return EvaluationReport.of(name, csv.toString(), s.csvName(), DatasetScorer.confusion(probs, faces));
    }
}
