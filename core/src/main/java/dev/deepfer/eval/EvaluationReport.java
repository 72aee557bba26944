package dev.deepfer.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.deepfer.data.Emotion;
import dev.deepfer.train.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The evaluation of one model on one data split: what was measured ({@code model}, {@code data},
 * {@code split}, {@code n}), the headline numbers, per-emotion metrics and the raw confusion
 * matrix, so every figure can be recomputed from the file. Metrics are fractions in [0, 1]; see
 * {@link Metrics} and {@link ClassMetrics} for the definitions and zero-division conventions.
 *
 * <p>JSON form (snake_case keys, emotions by lower-case label):
 *
 * <pre>
 * {"model": "resnet50-cbam", "data": "fer2013", "split": "PrivateTest", "n": 3589,
 *  "accuracy": 0.7012, "macro_f1": 0.68, "weighted_f1": 0.70,
 *  "per_class": {"angry": {"precision": 0.62, "recall": 0.60, "f1": 0.61, "support": 491}, ...},
 *  "confusion": [[...], ...]}
 * </pre>
 *
 * @param confusion counts {@code [actual][predicted]} in {@link Emotion} order; copied in and out
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record EvaluationReport(
        String model,
        String data,
        String split,
        int n,
        double accuracy,
        @JsonProperty("macro_f1") double macroF1,
        @JsonProperty("weighted_f1") double weightedF1,
        @JsonProperty("per_class") Map<Emotion, ClassMetrics> perClass,
        int[][] confusion) {

    /** Checks that every emotion has metrics and that the confusion matrix holds {@code n} examples. */
    public EvaluationReport {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(split, "split");
        if (perClass == null || perClass.size() != Emotion.COUNT) {
            throw new IllegalArgumentException("per_class must have an entry for each of the "
                    + Emotion.COUNT + " emotions, got " + (perClass == null ? null : perClass.keySet()));
        }
        perClass = Collections.unmodifiableMap(new EnumMap<>(perClass));
        ConfusionMatrix cm = ConfusionMatrix.ofCounts(Objects.requireNonNull(confusion, "confusion"));
        if (cm.total() != n) {
            throw new IllegalArgumentException("n = " + n + " but the confusion matrix holds " + cm.total());
        }
        confusion = cm.toArray();
    }

    /** Computes the report of a 7-class confusion matrix. */
    public static EvaluationReport of(String model, String data, String split, ConfusionMatrix cm) {
        if (cm.size() != Emotion.COUNT) {
            throw new IllegalArgumentException(
                    "an evaluation report needs a " + Emotion.COUNT + "-class matrix, got " + cm.size());
        }
        Map<Emotion, ClassMetrics> perClass = new EnumMap<>(Emotion.class);
        for (Emotion e : Emotion.values()) {
            perClass.put(e, ClassMetrics.of(cm, e.ordinal()));
        }
        return new EvaluationReport(model, data, split, cm.total(), Metrics.accuracy(cm),
                Metrics.macroF1(cm), Metrics.weightedF1(cm), perClass, cm.toArray());
    }

    /** The confusion matrix as a {@link ConfusionMatrix}. */
    public ConfusionMatrix confusionMatrix() {
        return ConfusionMatrix.ofCounts(confusion);
    }

    /** A copy of the counts. */
    @Override
    public int[][] confusion() {
        return Arrays.stream(confusion).map(int[]::clone).toArray(int[][]::new);
    }

    /** Pretty-printed JSON. */
    public String toJson() {
        try {
            return ReportJson.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialise evaluation report", e);
        }
    }

    /** Parses {@link #toJson()} output; unknown keys (fields a later version may add) are ignored. */
    public static EvaluationReport fromJson(String json) throws IOException {
        return ReportJson.MAPPER.readValue(json, EvaluationReport.class);
    }

    /** Writes the JSON form to {@code file}, creating parent directories. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        AtomicFiles.writeString(file, toJson() + "\n");
    }

    /** Reads a report written by {@link #write}. */
    public static EvaluationReport read(Path file) throws IOException {
        return fromJson(Files.readString(file));
    }

    /**
     * A results table in the style of a paper: headline metrics, then precision / recall / F1 /
     * support per emotion, all metrics in percent with two decimals.
     */
    public String toTable() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "model: %s | data: %s | split: %s | n = %d%n%n",
                model, data, split, n));
        String headline = "%-12s %7.2f%n";
        out.append(String.format(Locale.ROOT, headline, "Accuracy", 100 * accuracy));
        out.append(String.format(Locale.ROOT, headline, "Macro-F1", 100 * macroF1));
        out.append(String.format(Locale.ROOT, headline, "Weighted-F1", 100 * weightedF1));
        out.append(String.format(Locale.ROOT, "%n%-12s %9s %9s %9s %9s%n",
                "Emotion", "Precision", "Recall", "F1", "Support"));
        perClass.forEach((emotion, m) -> out.append(String.format(Locale.ROOT,
                "%-12s %9.2f %9.2f %9.2f %9d%n", emotion.label(),
                100 * m.precision(), 100 * m.recall(), 100 * m.f1(), m.support())));
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvaluationReport r
                && model.equals(r.model) && data.equals(r.data) && split.equals(r.split)
                && n == r.n && Double.compare(accuracy, r.accuracy) == 0
                && Double.compare(macroF1, r.macroF1) == 0
                && Double.compare(weightedF1, r.weightedF1) == 0
                && perClass.equals(r.perClass) && Arrays.deepEquals(confusion, r.confusion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, data, split, n, accuracy, macroF1, weightedF1, perClass)
                * 31 + Arrays.deepHashCode(confusion);
    }

    @Override
    public String toString() {
        return toTable();
    }
}
