package dev.deepfer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.Fer2013Csv;
import dev.deepfer.data.Fer2013Split;
import dev.deepfer.data.Normalization;
import dev.deepfer.eval.Calibration;
import dev.deepfer.eval.DatasetScorer;
import dev.deepfer.eval.EnsembleSelection;
import dev.deepfer.eval.EnsembleWeights;
import dev.deepfer.eval.EvaluationReport;
import dev.deepfer.eval.ResultsTable;
import dev.deepfer.infer.CodeVersion;
import dev.deepfer.infer.EnsembleBundle;
import dev.deepfer.infer.EnsembleManifest;
import dev.deepfer.infer.ModelBundle;
import dev.deepfer.model.Ensemble;
import dev.deepfer.model.FaceClassifier;
import dev.deepfer.model.Fusion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code deepfer ensemble}: fuses member bundles, fits the fusion weights and the temperature on
 * PublicTest only, evaluates members, mean fusion and the fitted ensemble once on PrivateTest, and
 * saves the ensemble bundle.
 */
@Command(name = "ensemble", mixinStandardHelpOptions = true,
        description = "Fuse member bundles (weights and temperature fitted on PublicTest), evaluate on PrivateTest, "
                + "save the ensemble bundle.")
public final class EnsembleCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Option(names = "--member", required = true, description = "Member bundle directory (repeat).")
    List<Path> members;

    @Option(names = "--out", required = true, description = "Ensemble bundle directory to write.")
    Path out;

    @Option(names = "--fusion", defaultValue = "weighted-probabilities",
            description = "mean-probabilities, weighted-probabilities, logit-mean")
    String fusion;

    @Option(names = "--keep", paramLabel = "N", description = "Keep only the N members whose fitted ensemble is most "
            + "accurate on PublicTest (every subset of N tried; PrivateTest plays no part in the choice).")
    Integer keep;

    @Override
    public Integer call() throws Exception {
        Fusion f = Commands.parseEnum(Fusion.class, fusion);
        Path csv = data.fer2013();
        List<ModelBundle> loaded = new ArrayList<>();
        try {
            for (Path m : members) {
                loaded.add(ModelBundle.load(m));
                Normalization first = loaded.get(0).normalization();
                if (!loaded.get(loaded.size() - 1).normalization().equals(first)) {
                    // the temperature and every PrivateTest row feed all members member 0's normalisation
                    throw new IllegalArgumentException(m + " normalises its input as "
                            + loaded.get(loaded.size() - 1).normalization() + ", " + members.get(0) + " as " + first
                            + ": an ensemble's members must share one normalisation");
                }
            }
            Map<Fer2013Split, FaceDataset> splits = Fer2013Csv.load(csv);
            FaceDataset pub = splits.get(Fer2013Split.PUBLIC_TEST);
            FaceDataset priv = splits.get(Fer2013Split.PRIVATE_TEST);
            int[] pubLabels = DatasetScorer.labels(pub);
            List<float[][]> pubLogits = new ArrayList<>();
            for (ModelBundle m : loaded) {
                pubLogits.add(DatasetScorer.logits(m, m.normalization(), pub, 256));
            }
            List<Path> dirs = members;
            double[] weights;
            List<float[][]> keptLogits = pubLogits;
            if (keep != null && keep < loaded.size()) {
                EnsembleSelection.Candidate chosen = choose(pubLogits, pubLabels, f, loaded);
                keptLogits = chosen.members().stream().map(pubLogits::get).toList();
                List<ModelBundle> keptBundles = new ArrayList<>();
                List<Path> keptDirs = new ArrayList<>();
                for (int i = 0; i < loaded.size(); i++) {
                    if (chosen.members().contains(i)) {
                        keptBundles.add(loaded.get(i));
                        keptDirs.add(members.get(i));
                    } else {
                        loaded.get(i).close();
                    }
                }
                loaded = keptBundles;
                dirs = keptDirs;
                weights = chosen.weights();
            } else {
                weights = EnsembleWeights.fit(pubLogits, pubLabels, f);
            }
            Ensemble uncalibrated = new Ensemble(loaded, f, weights, 1.0);
            double temperature = Calibration.fitTemperature(
                    DatasetScorer.logits(uncalibrated, loaded.get(0).normalization(), pub, 256), pubLabels);
            Ensemble ensemble = new Ensemble(loaded, f, weights, temperature);
            Calibration.boundWarning(temperature).ifPresent(w -> System.err.println("deepfer: warning: " + w));

            List<ResultsTable.Row> rows = new ArrayList<>();
            ObjectNode metrics = new ObjectMapper().createObjectNode();
            for (ModelBundle m : loaded) {
                rows.add(row(m.name(), m, m, priv, csv, metrics));
            }
            if (loaded.size() > 1) {
                rows.add(row("mean of probabilities", new Ensemble(loaded, Fusion.MEAN_PROBABILITIES,
                        Ensemble.uniformWeights(loaded.size()), 1.0), loaded.get(0), priv, csv, metrics));
            }
            String name = out.getFileName().toString();
            rows.add(row(name, ensemble, loaded.get(0), priv, csv, metrics));

            List<EnsembleManifest.Member> ms = new ArrayList<>();
            for (int i = 0; i < loaded.size(); i++) {
                ms.add(new EnsembleManifest.Member(dirs.get(i).toString(), weights[i]));
            }
            EnsembleBundle.write(out, dirs, new EnsembleManifest(EnsembleManifest.FORMAT, name, f, ms, temperature,
                    "FER2013 PublicTest (" + pub.count() + " images)", metrics, Commands.commandLine(),
                    CodeVersion.get(), Instant.now().toString()));
            System.out.printf(Locale.ROOT, "fusion %s, weights %s, temperature %.3f (fitted on PublicTest)%n%n", f,
                    java.util.Arrays.toString(weights), temperature);
            if (loaded.size() > 1 && pubLabels.length >= 2) {
                List<String> calibrated = loaded.stream().filter(m -> m.temperature() != 1).map(ModelBundle::name)
                        .toList();
                System.out.printf(Locale.ROOT, "PublicTest accuracy, 2-fold cross-fitted (each half scored with weights "
                                + "fitted on the other): %s %.2f%%, mean of probabilities %.2f%%%s%s%n%n", f,
                        100 * EnsembleWeights.crossFittedAccuracy(keptLogits, pubLabels, f, 2),
                        100 * EnsembleWeights.crossFittedAccuracy(keptLogits, pubLabels, Fusion.MEAN_PROBABILITIES, 2),
                        keptLogits == pubLogits ? "" : " (the weights are cross-fitted, but --keep chose the members "
                                + "on all of PublicTest, so these are optimistic)",
                        calibrated.isEmpty() ? "" : " (" + String.join(", ", calibrated) + " divide their logits by "
                                + "a calibration temperature fitted on PublicTest, which the held-out halves saw too: "
                                + "slightly optimistic)");
            }
            System.out.println("FER2013 PrivateTest:\n");
            System.out.println(ResultsTable.markdown(rows));
            System.out.println("ensemble bundle written to " + out);
        } finally {
            loaded.forEach(ModelBundle::close);
        }
        return 0;
    }

    /** Ranks every subset of {@code keep} members on PublicTest (weights fitted); prints the ranking, returns the best. */
    private EnsembleSelection.Candidate choose(List<float[][]> pubLogits, int[] pubLabels, Fusion f,
                                               List<ModelBundle> loaded) {
        List<EnsembleSelection.Candidate> ranked = EnsembleSelection.rank(pubLogits, pubLabels, f, keep);
        System.out.println("Member subsets of " + keep + ", weights fitted on PublicTest, ranked by PublicTest "
                + "accuracy:\n");
        System.out.println("| members | weights | PublicTest accuracy | PublicTest NLL |");
        System.out.println("| --- | --- | ---: | ---: |");
        for (EnsembleSelection.Candidate c : ranked) {
            System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.4f |%n",
                    String.join(" + ", c.members().stream().map(i -> loaded.get(i).name()).toList()),
                    java.util.Arrays.stream(c.weights()).mapToObj(w -> String.format(Locale.ROOT, "%.3f", w)).toList(),
                    100 * c.accuracy(), c.nll());
        }
        System.out.println();
        return ranked.get(0);
    }

    private static ResultsTable.Row row(String label, FaceClassifier c, ModelBundle feed, FaceDataset priv, Path csv,
                                        ObjectNode metrics) throws java.io.IOException {
        float[][] probs = DatasetScorer.probabilities(c, feed.normalization(), priv, dev.deepfer.data.TtaMode.NONE,
                256);
        EvaluationReport r = EvaluationReport.of(label, csv.toString(), "PrivateTest",
                DatasetScorer.confusion(probs, priv));
        metrics.set(label, new ObjectMapper().readTree(r.toJson()));
        return new ResultsTable.Row(label, r);
    }
}
