package dev.deepfer.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/**
 * Calibration of one or more models on a test split before and after temperature scaling with a
 * temperature fitted on another split ({@link Calibration}): ECE over {@value Calibration#DEFAULT_BINS}
 * bins, NLL and Brier score, with the reliability bins for a diagram.
 *
 * @param fitData  where the temperatures were fitted (never the test split)
 * @param testData where the scores were measured
 * @param rows     one per model
 */
public record CalibrationReport(String fitData, String testData, List<Row> rows) {

    public CalibrationReport {
        rows = List.copyOf(rows);
    }

    /** Accuracy and calibration scores of one set of probabilities. */
    public record Scores(double accuracy, double ece, double nll, double brier, List<Calibration.Bin> bins) {
        public Scores {
            bins = List.copyOf(bins);
        }

        /** The scores of {@code probs} against {@code labels}. */
        public static Scores of(float[][] probs, int[] labels) {
            int correct = 0;
            for (int i = 0; i < probs.length; i++) {
                correct += DatasetScorer.argmax(probs[i]) == labels[i] ? 1 : 0;
            }
            return new Scores((double) correct / labels.length, Calibration.ece(probs, labels),
                    Calibration.nll(probs, labels), Calibration.brier(probs, labels),
                    Calibration.reliability(probs, labels, Calibration.DEFAULT_BINS));
        }
    }

    /**
     * One model.
     *
     * @param name    the model
     * @param shipped the temperature its bundle carries (1 = none)
     * @param fitted  the temperature fitted on {@code fitData}
     * @param before  scores at temperature 1
     * @param after   scores at {@code fitted}
     */
    public record Row(String name, double shipped, double fitted, Scores before, Scores after) {
    }

    public ObjectNode toJson() {
        ObjectNode root = ReportJson.MAPPER.createObjectNode();
        root.put("fitted_on", fitData).put("measured_on", testData).put("bins", Calibration.DEFAULT_BINS);
        ArrayNode list = root.putArray("models");
        for (Row r : rows) {
            ObjectNode o = list.addObject();
            o.put("name", r.name()).put("shipped_temperature", r.shipped()).put("fitted_temperature", r.fitted());
            scores(o.putObject("before"), r.before());
            scores(o.putObject("after"), r.after());
        }
        return root;
    }

    private static void scores(ObjectNode o, Scores s) {
        o.put("accuracy", s.accuracy()).put("ece", s.ece()).put("nll", s.nll()).put("brier", s.brier());
        ArrayNode bins = o.putArray("reliability");
        for (Calibration.Bin b : s.bins()) {
            bins.addObject().put("upper", b.upper()).put("count", b.count()).put("accuracy", b.accuracy())
                    .put("confidence", b.confidence());
        }
    }

    /** Markdown: one row per model, each score before → after temperature scaling. */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "temperature fitted on %s; scores on %s (ECE over %d bins, in %%)%n%n", fitData, testData,
                Calibration.DEFAULT_BINS));
        out.append("| model | accuracy | T shipped | T fitted | ECE before | ECE after | NLL before | NLL after "
                + "| Brier before | Brier after |\n");
        out.append("| --- |").append(" ---: |".repeat(9)).append('\n');
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT,
                    "| %s | %.2f | %.3f | %.3f | %.2f | %.2f | %.4f | %.4f | %.4f | %.4f |%n", r.name(),
                    100 * r.before().accuracy(), r.shipped(), r.fitted(), 100 * r.before().ece(),
                    100 * r.after().ece(), r.before().nll(), r.after().nll(), r.before().brier(), r.after().brier()));
        }
        return out.toString();
    }
}
