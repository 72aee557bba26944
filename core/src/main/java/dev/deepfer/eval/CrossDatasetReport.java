package dev.deepfer.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deepfer.data.Emotion;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model evaluated on another dataset than it was trained on (CK+ for a FER2013 model): accuracy
 * and macro-F1 over the classes the two datasets share (those with test images; a prediction of a
 * class the dataset lacks, such as neutral on CK+, counts as a mistake), per-class metrics, the
 * confusion matrix, and how the model labels the images of a class it does not know (CK+'s
 * contempt), as counts per predicted emotion.
 *
 * @param model     the model
 * @param data      the evaluation data
 * @param shared    the classes with test images, in {@link Emotion} order
 * @param confusion counts {@code [actual][predicted]} over all seven emotions
 * @param unknown   name of the class outside the model's label set (e.g. "contempt"), or null
 * @param unknownPredictions per emotion, how many images of {@code unknown} were predicted as it
 */
public record CrossDatasetReport(String model, String data, List<Emotion> shared, ConfusionMatrix confusion,
                                 String unknown, Map<Emotion, Integer> unknownPredictions) {

    public CrossDatasetReport {
        shared = List.copyOf(shared);
        unknownPredictions = Collections.unmodifiableMap(new EnumMap<>(unknownPredictions));
    }

    /** The report of a 7-class confusion matrix and the predictions on the unknown class's images. */
    public static CrossDatasetReport of(String model, String data, ConfusionMatrix cm, String unknown,
                                        int[] unknownPredicted) {
        if (cm.size() != Emotion.COUNT) {
            throw new IllegalArgumentException("expected a " + Emotion.COUNT + "-class matrix, got " + cm.size());
        }
        List<Emotion> shared = Arrays.stream(Emotion.values()).filter(e -> cm.actualCount(e.ordinal()) > 0).toList();
        Map<Emotion, Integer> counts = new EnumMap<>(Emotion.class);
        for (Emotion e : Emotion.values()) {
            counts.put(e, unknownPredicted.length == 0 ? 0 : unknownPredicted[e.ordinal()]);
        }
        return new CrossDatasetReport(model, data, shared, cm, unknown, counts);
    }

    public int n() {
        return confusion.total();
    }

    public double accuracy() {
        return Metrics.accuracy(confusion);
    }

    /** Mean F1 over the shared classes. */
    public double macroF1() {
        return shared.stream().mapToDouble(e -> ClassMetrics.of(confusion, e.ordinal()).f1()).average().orElseThrow();
    }

    public ClassMetrics metrics(Emotion e) {
        return ClassMetrics.of(confusion, e.ordinal());
    }

    /** Images of the unknown class. */
    public int unknownCount() {
        return unknownPredictions.values().stream().mapToInt(Integer::intValue).sum();
    }

    public ObjectNode toJson() {
        ObjectNode o = ReportJson.MAPPER.createObjectNode();
        o.put("model", model).put("data", data).put("n", n()).put("accuracy", accuracy()).put("macro_f1", macroF1());
        ObjectNode per = o.putObject("per_class");
        for (Emotion e : shared) {
            ClassMetrics m = metrics(e);
            per.putObject(e.label()).put("precision", m.precision()).put("recall", m.recall()).put("f1", m.f1())
                    .put("support", m.support());
        }
        o.set("confusion", ReportJson.MAPPER.valueToTree(confusion.toArray()));
        if (unknown != null) {
            ObjectNode u = o.putObject("unknown_class");
            u.put("name", unknown).put("n", unknownCount());
            ObjectNode predicted = u.putObject("predicted_as");
            unknownPredictions.forEach((e, c) -> predicted.put(e.label(), c));
        }
        return o;
    }

    /** Markdown: one row per report with accuracy, macro-F1 and per-class recall; then the unknown class. */
    public static String markdown(List<CrossDatasetReport> reports) {
        CrossDatasetReport first = reports.get(0);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%s, %d images of %d shared classes%n%n",
                first.data(), first.n(), first.shared().size()));
        out.append("| model | accuracy | macro-F1 |");
        first.shared().forEach(e -> out.append(" recall ").append(e.label()).append(" |"));
        out.append("\n| --- | ---: | ---: |").append(" ---: |".repeat(first.shared().size())).append('\n');
        for (CrossDatasetReport r : reports) {
            out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f |", r.model(), 100 * r.accuracy(),
                    100 * r.macroF1()));
            r.shared().forEach(e -> out.append(String.format(Locale.ROOT, " %.1f |", 100 * r.metrics(e).recall())));
            out.append('\n');
        }
        if (first.unknown() != null) {
            out.append(String.format(Locale.ROOT, "%n%s (%d images, no FER2013 class): predicted as, %%%n%n",
                    first.unknown(), first.unknownCount()));
            out.append("| model |");
            Arrays.stream(Emotion.values()).forEach(e -> out.append(' ').append(e.label()).append(" |"));
            out.append("\n| --- |").append(" ---: |".repeat(Emotion.COUNT)).append('\n');
            for (CrossDatasetReport r : reports) {
                out.append("| ").append(r.model()).append(" |");
                for (Emotion e : Emotion.values()) {
                    out.append(String.format(Locale.ROOT, " %.1f |",
                            100.0 * r.unknownPredictions().get(e) / Math.max(1, r.unknownCount())));
                }
                out.append('\n');
            }
        }
        return out.toString();
    }
}
