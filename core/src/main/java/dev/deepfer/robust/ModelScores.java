package dev.deepfer.robust;

import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.Normalization;
import dev.deepfer.eval.DatasetScorer;
import dev.deepfer.infer.LoadedModel;
import dev.deepfer.infer.ModelBundle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The logits of a loaded model on a dataset, and of each member when it is an ensemble, with each
 * member run once: the ensemble's are {@link LoadedModel#combine combined} from the members'.
 * Rows are the members in order, then the ensemble; a single bundle has one row.
 *
 * @param rows one per reported model
 */
public record ModelScores(List<Row> rows) {

    /**
     * One reported model.
     *
     * @param name        its name ("(ensemble)" appended for the fused row)
     * @param logits      {@code [n][classes]}, already divided by {@code temperature}
     * @param temperature the calibration temperature it ships with (1 = none)
     */
    public record Row(String name, float[][] logits, double temperature) {
        /** The logits before calibration: {@code logits * temperature}. */
        public float[][] uncalibrated() {
            float[][] raw = new float[logits.length][];
            for (int i = 0; i < logits.length; i++) {
                raw[i] = new float[logits[i].length];
                for (int c = 0; c < raw[i].length; c++) {
                    raw[i][c] = (float) (logits[i][c] * temperature);
                }
            }
            return raw;
        }

        /** Fraction of images whose arg-max logit is the label. */
        public double accuracy(int[] labels) {
            int correct = 0;
            for (int i = 0; i < labels.length; i++) {
                correct += DatasetScorer.argmax(logits[i]) == labels[i] ? 1 : 0;
            }
            return (double) correct / labels.length;
        }
    }

    public ModelScores {
        rows = List.copyOf(rows);
    }

    /** Batch size of the scoring calls. */
    public static final int BATCH = 256;

    /** Scores {@code data} (centre crops, no test-time augmentation). */
    public static ModelScores of(LoadedModel model, FaceDataset data) {
        return of(model, data, new HashMap<>());
    }

    /**
     * Scores {@code data} like {@link #of(LoadedModel, FaceDataset)}, reusing member logits that
     * {@code scored} already holds for the same data: models that share members (an ensemble and the
     * same ensemble plus one) run each shared member once. Members are identified by the sha256 of
     * their weights and the input normalisation, so a member copied into two bundles is one entry.
     *
     * @param scored member logits on {@code data} by {@link #memberKey}; new members are added
     */
    public static ModelScores of(LoadedModel model, FaceDataset data, Map<String, float[][]> scored) {
        List<ModelBundle> members = model.members();
        List<float[][]> memberLogits = new ArrayList<>(members.size());
        List<Row> rows = new ArrayList<>();
        for (ModelBundle m : members) {
            float[][] logits = scored.computeIfAbsent(memberKey(m, model.normalization()),
                    k -> DatasetScorer.logits(m, model.normalization(), data, BATCH));
            memberLogits.add(logits);
            rows.add(new Row(m.name(), logits, m.temperature()));
        }
        if (members.size() > 1) {
            rows.add(new Row(ensembleName(model), model.combine(memberLogits), model.temperature()));
        }
        return new ModelScores(rows);
    }

    /**
     * What identifies a member's logits: the sha256 of its weights (every loaded bundle has one;
     * loading checks it), the normalisation and its temperature (the logits are divided by it, and a
     * copy of the same weights may have been calibrated on its own).
     */
    static String memberKey(ModelBundle member, Normalization normalization) {
        return member.manifest().sha256() + " " + normalization + " T=" + member.temperature();
    }

    /**
     * What each row of {@link #of} is, by row name: a member's {@link #memberKey}, an ensemble's
     * members, fusion, weights and temperature. Two models with the same row name and another
     * identity are two different models that a report could not tell apart.
     */
    public static Map<String, String> rowIdentities(LoadedModel model) {
        Map<String, String> ids = new java.util.LinkedHashMap<>();
        List<String> keys = model.members().stream().map(m -> memberKey(m, model.normalization())).toList();
        for (int i = 0; i < keys.size(); i++) {
            ids.put(model.members().get(i).name(), keys.get(i));
        }
        if (model.members().size() > 1) {
            dev.deepfer.model.Ensemble e = model.ensemble();
            ids.put(ensembleName(model), keys + " " + e.fusion() + " " + java.util.Arrays.toString(e.weights())
                    + " T=" + model.temperature());
        }
        return ids;
    }

    /** The row names {@link #of} will give for {@code model}, without scoring anything. */
    public static List<String> rowNames(LoadedModel model) {
        List<String> names = new ArrayList<>(model.members().stream().map(ModelBundle::name).toList());
        if (model.members().size() > 1) {
            names.add(ensembleName(model));
        }
        return names;
    }

    /** The row name of an ensemble's fused predictions. */
    public static String ensembleName(LoadedModel model) {
        return model.name() + " (ensemble)";
    }

    /** The last row: the model as a whole. */
    public Row model() {
        return rows.get(rows.size() - 1);
    }
}
