package dev.deepfer.robust;

import dev.deepfer.data.FaceDataset;
import dev.deepfer.eval.DatasetScorer;
import dev.deepfer.eval.RobustnessReport;
import dev.deepfer.eval.corrupt.Corruption;
import dev.deepfer.eval.corrupt.Corruptions;
import dev.deepfer.infer.LoadedModel;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The corruption benchmark: every model (and every member of an ensemble, each scored once per
 * image set, also when several models share it) on the clean images and on each corruption family
 * at each severity, the corrupted sets generated once under one seed and shared by all models.
 */
public final class RobustnessBenchmark {
    private RobustnessBenchmark() {
    }

    /**
     * @param models      the models; a row name that repeats an earlier one is measured once
     * @param clean       the test images
     * @param corruptions the families to apply
     * @param seed        the corruption seed
     * @param baseline    row name the mCE is relative to; null = the first row (the first member)
     * @param progress    receives one line per family
     */
    public static RobustnessReport run(List<LoadedModel> models, FaceDataset clean, List<Corruption> corruptions,
                                       long seed, String baseline, Consumer<String> progress) {
        checkRowNames(models);
        int[] labels = DatasetScorer.labels(clean);
        Map<String, Double> cleanAccuracy = new LinkedHashMap<>();
        Map<String, Map<Corruption, double[]>> corrupted = new LinkedHashMap<>();
        score(models, clean, labels, (name, acc) -> {
            cleanAccuracy.putIfAbsent(name, acc);
            corrupted.putIfAbsent(name, new EnumMap<>(Corruption.class));
        });
        for (Corruption c : corruptions) {
            long t0 = System.nanoTime();
            for (int s = 1; s <= Corruption.SEVERITIES; s++) {
                int severity = s;
                FaceDataset set = Corruptions.apply(clean, c, s, seed);
                score(models, set, labels, (name, acc) -> corrupted.get(name)
                        .computeIfAbsent(c, k -> new double[Corruption.SEVERITIES])[severity - 1] = acc);
            }
            progress.accept(String.format(Locale.ROOT, "%s: %.0f s", c.label(), (System.nanoTime() - t0) / 1e9));
        }
        List<RobustnessReport.ModelAccuracy> rows = cleanAccuracy.keySet().stream()
                .map(name -> new RobustnessReport.ModelAccuracy(name, cleanAccuracy.get(name), corrupted.get(name)))
                .toList();
        return new RobustnessReport(clean.source(), clean.count(), seed,
                baseline != null ? baseline : rows.get(0).name(), rows);
    }

    /**
     * A row name given twice must be the same model (a member shared by two ensembles is measured
     * once); two different models under one name would leave one of them out of the report.
     */
    static void checkRowNames(List<LoadedModel> models) {
        Map<String, String> seen = new HashMap<>();
        for (LoadedModel m : models) {
            ModelScores.rowIdentities(m).forEach((name, id) -> {
                String earlier = seen.putIfAbsent(name, id);
                if (earlier != null && !earlier.equals(id)) {
                    throw new IllegalArgumentException("two different models are both called '" + name
                            + "': give one another name (deepfer bundle --name, or the ensemble's name)");
                }
            });
        }
    }

    private interface Sink {
        void accept(String name, double accuracy);
    }

    /**
     * Scores every model on {@code data}, running a member that several models share once and
     * skipping a row name already given by an earlier model.
     */
    private static void score(List<LoadedModel> models, FaceDataset data, int[] labels, Sink sink) {
        Set<String> seen = new HashSet<>();
        Map<String, float[][]> scored = new HashMap<>();
        for (LoadedModel m : models) {
            for (ModelScores.Row row : ModelScores.of(m, data, scored).rows()) {
                if (seen.add(row.name())) {
                    sink.accept(row.name(), row.accuracy(labels));
                }
            }
        }
    }
}
