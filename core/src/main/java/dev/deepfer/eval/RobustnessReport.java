package dev.deepfer.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deepfer.eval.corrupt.Corruption;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Accuracy of one or more models on a clean split and on every corruption and severity of it,
 * with the summary numbers of the ImageNet-C protocol (Hendrycks and Dietterich, ICLR 2019):
 *
 * <ul>
 *   <li>mCA, the mean corruption accuracy over every family and severity;
 *   <li>the relative drop {@code (clean - mCA) / clean};
 *   <li>mCE, the mean over families of {@code CE_c = sum_s E_{s,c} / sum_s E^base_{s,c}} with
 *       E = 1 - accuracy, relative to the named baseline model (100% for the baseline itself);
 *   <li>relative mCE, the same with {@code E_{s,c} - E_clean} in place of {@code E_{s,c}}: how much
 *       of the degradation remains, whatever the clean accuracy.
 * </ul>
 *
 * @param data     what was corrupted (file and split)
 * @param n        images per evaluation
 * @param seed     the corruption seed
 * @param baseline name of the model the mCE is relative to; one of {@code models}
 * @param models   the models, each with its clean and corrupted accuracies
 */
public record RobustnessReport(String data, int n, long seed, String baseline, List<ModelAccuracy> models) {

    /**
     * One model's accuracies (fractions).
     *
     * @param name      the model
     * @param clean     accuracy on the uncorrupted images
     * @param corrupted per family, the accuracy at severities 1..5 (index 0..4)
     */
    public record ModelAccuracy(String name, double clean, Map<Corruption, double[]> corrupted) {
        public ModelAccuracy {
            Objects.requireNonNull(name, "name");
            if (corrupted.isEmpty()) {
                throw new IllegalArgumentException(name + ": no corruption measured");
            }
            Map<Corruption, double[]> copy = new EnumMap<>(Corruption.class);
            corrupted.forEach((c, acc) -> {
                if (acc.length != Corruption.SEVERITIES) {
                    throw new IllegalArgumentException(name + ": " + c.label() + " has " + acc.length
                            + " severities, expected " + Corruption.SEVERITIES);
                }
                copy.put(c, acc.clone());
            });
            corrupted = Collections.unmodifiableMap(copy);
        }

        /** Accuracy of {@code c} at severity {@code 1..5}. */
        public double accuracy(Corruption c, int severity) {
            return family(c)[severity - 1];
        }

        /** Mean accuracy of one family over its severities. */
        public double familyMean(Corruption c) {
            return java.util.Arrays.stream(family(c)).average().orElseThrow();
        }

        /** mCA: mean accuracy over every family and severity. */
        public double meanCorruptionAccuracy() {
            return corrupted.keySet().stream().mapToDouble(this::familyMean).average().orElseThrow();
        }

        /** {@code (clean - mCA) / clean}. */
        public double relativeDrop() {
            return (clean - meanCorruptionAccuracy()) / clean;
        }

        private double[] family(Corruption c) {
            double[] acc = corrupted.get(c);
            if (acc == null) {
                throw new IllegalArgumentException(name + ": " + c.label() + " was not measured");
            }
            return acc;
        }
    }

    public RobustnessReport {
        models = List.copyOf(models);
        if (models.stream().noneMatch(m -> m.name().equals(baseline))) {
            throw new IllegalArgumentException("baseline '" + baseline + "' is not one of the models "
                    + models.stream().map(ModelAccuracy::name).toList());
        }
        for (ModelAccuracy m : models) {
            if (!m.corrupted().keySet().equals(models.get(0).corrupted().keySet())) {
                throw new IllegalArgumentException(m.name() + " was measured on other corruptions than "
                        + models.get(0).name());
            }
        }
    }

    /** The families measured, in declaration order. */
    public List<Corruption> corruptions() {
        return new ArrayList<>(models.get(0).corrupted().keySet());
    }

    /** The model called {@code name}. */
    public ModelAccuracy model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no model '" + name + "' in " + models.stream()
                        .map(ModelAccuracy::name).toList()));
    }

    /** Corruption error of one family relative to the baseline: {@code sum_s E / sum_s E_base}. */
    public double corruptionError(String name, Corruption c) {
        return errorRatio(model(name), model(baseline), c, false);
    }

    /**
     * mCE relative to the baseline (1 = as robust as the baseline, lower is better). Here and in
     * {@link #relativeMeanCorruptionError}, a family under which the baseline's error (or, relative,
     * its error growth) sums to zero or less has no ratio and is left out of the mean; NaN when no
     * family has one.
     */
    public double meanCorruptionError(String name) {
        return meanRatio(name, false);
    }

    /** Relative mCE: the mean ratio of error growth over clean error, relative to the baseline. */
    public double relativeMeanCorruptionError(String name) {
        return meanRatio(name, true);
    }

    private double meanRatio(String name, boolean relative) {
        return corruptions().stream().mapToDouble(c -> errorRatio(model(name), model(baseline), c, relative))
                .filter(Double::isFinite).average().orElse(Double.NaN);
    }

    /** NaN when the baseline's denominator is not positive (a family that does not hurt it). */
    private static double errorRatio(ModelAccuracy m, ModelAccuracy base, Corruption c, boolean relative) {
        double num = 0;
        double den = 0;
        for (int s = 1; s <= Corruption.SEVERITIES; s++) {
            num += 1 - m.accuracy(c, s) - (relative ? 1 - m.clean() : 0);
            den += 1 - base.accuracy(c, s) - (relative ? 1 - base.clean() : 0);
        }
        return den > 0 ? num / den : Double.NaN;
    }

    /** JSON has no NaN: an undefined ratio is null. */
    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Machine-readable form: summary and per-severity accuracies of every model, families by label. */
    public ObjectNode toJson() {
        ObjectNode root = ReportJson.MAPPER.createObjectNode();
        root.put("data", data).put("n", n).put("seed", seed).put("baseline", baseline);
        ArrayNode list = root.putArray("models");
        for (ModelAccuracy m : models) {
            ObjectNode o = list.addObject();
            o.put("name", m.name()).put("clean_accuracy", m.clean())
                    .put("mean_corruption_accuracy", m.meanCorruptionAccuracy())
                    .put("relative_drop", m.relativeDrop())
                    .put("mce", finiteOrNull(meanCorruptionError(m.name())))
                    .put("relative_mce", finiteOrNull(relativeMeanCorruptionError(m.name())));
            ObjectNode families = o.putObject("corruptions");
            m.corrupted().forEach((c, acc) -> {
                ObjectNode f = families.putObject(c.label());
                f.put("mean_accuracy", m.familyMean(c)).put("ce", finiteOrNull(corruptionError(m.name(), c)));
                ArrayNode severities = f.putArray("accuracy_by_severity");
                for (double a : acc) {
                    severities.add(a);
                }
            });
        }
        return root;
    }

    /**
     * Reads the form {@link #toJson} writes (the derived numbers in it are recomputed, not read), so a
     * benchmark can be tabulated and charted again without rerunning it.
     *
     * @throws IOException when the text is not JSON or a field is missing (numbers are read leniently)
     */
    public static RobustnessReport fromJson(String json) throws IOException {
        JsonNode root = ReportJson.MAPPER.readTree(json);
        List<ModelAccuracy> models = new ArrayList<>();
        for (JsonNode m : required(root, "models", "report")) {
            String name = required(m, "name", "model").asText();
            Map<Corruption, double[]> corrupted = new EnumMap<>(Corruption.class);
            var families = required(m, "corruptions", name).fields();
            while (families.hasNext()) {
                var family = families.next();
                JsonNode severities = required(family.getValue(), "accuracy_by_severity", name + " " + family.getKey());
                double[] acc = new double[severities.size()];
                for (int i = 0; i < acc.length; i++) {
                    acc[i] = severities.get(i).asDouble();
                }
                corrupted.put(Corruption.parse(family.getKey()), acc);
            }
            models.add(new ModelAccuracy(name, required(m, "clean_accuracy", name).asDouble(), corrupted));
        }
        return new RobustnessReport(required(root, "data", "report").asText(), required(root, "n", "report").asInt(),
                required(root, "seed", "report").asLong(), required(root, "baseline", "report").asText(), models);
    }

    private static JsonNode required(JsonNode node, String field, String where) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IOException("robustness report: " + where + " has no '" + field + "'");
        }
        return value;
    }

    /** Markdown tables: summary, family means per model, and every severity per model. */
    public String toMarkdown() {
        return RobustnessTables.markdown(this);
    }
}
