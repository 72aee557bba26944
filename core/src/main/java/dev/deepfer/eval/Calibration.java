package dev.deepfer.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * How well predicted probabilities match observed frequencies, and temperature scaling to fix them
 * (Guo et al., 2017, "On Calibration of Modern Neural Networks"). Inputs are one row of class
 * probabilities (or logits) per example and the true class indices.
 *
 * <ul>
 *   <li>ECE = sum_b (|B_b| / n) * |acc(B_b) - conf(B_b)| over equal-width confidence bins
 *       {@code ((b-1)/B, b/B]}, where confidence is the top probability and acc the fraction of
 *       the bin whose top class is right;
 *   <li>NLL = -(1/n) sum_i log p_{i,y_i}, with p floored at {@link #PROBABILITY_FLOOR};
 *   <li>Brier = (1/n) sum_i sum_c (p_{i,c} - [c == y_i])^2, the multi-class form (range [0, 2]).
 * </ul>
 *
 * Temperature scaling divides logits by one scalar T fitted to minimise NLL on held-out data; it
 * never changes the arg-max of one view, so accuracy without TTA is untouched. With TTA
 * ({@link DatasetScorer}) the views' calibrated probabilities are averaged, and T reshapes each
 * before the mean, so it can move a few TTA predictions: a TTA number is for the model at its
 * manifest temperature.
 */
public final class Calibration {

    /** Bins used by {@link #ece(float[][], int[])}, the common choice in the literature. */
    public static final int DEFAULT_BINS = 15;

    /** Smallest probability used inside a log, so a confident mistake costs ~34.5 nats, not infinity. */
    public static final double PROBABILITY_FLOOR = 1e-15;

    /** Lower end of the search interval of {@link #fitTemperature}. */
    public static final double MIN_TEMPERATURE = 0.05;

    /** Upper end of the search interval of {@link #fitTemperature}. */
    public static final double MAX_TEMPERATURE = 20;
    /** Said of a fitted temperature at the search's bound (see {@link #boundWarning}). */
    private static final double BOUND_MARGIN = 1.01;

    private static final double INV_PHI = (Math.sqrt(5) - 1) / 2;
    private static final int GOLDEN_STEPS = 80;

    /** One equal-width confidence bin of a reliability diagram. */
    public record Bin(double lower, double upper, int count, double accuracy, double confidence) {}

    private Calibration() {}

    /** The equal-width reliability bins; an empty bin has accuracy and confidence 0. */
    public static List<Bin> reliability(float[][] probs, int[] labels, int bins) {
        checkInputs(probs, labels);
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        int[] counts = new int[bins];
        double[] correct = new double[bins];
        double[] confidence = new double[bins];
        for (int i = 0; i < probs.length; i++) {
            int top = DatasetScorer.argmax(probs[i]);
            double conf = probs[i][top];
            int b = Math.min(bins - 1, Math.max(0, (int) Math.ceil(conf * bins) - 1));
            counts[b]++;
            confidence[b] += conf;
            correct[b] += top == labels[i] ? 1 : 0;
        }
        List<Bin> result = new ArrayList<>(bins);
        for (int b = 0; b < bins; b++) {
            int c = counts[b];
            result.add(new Bin((double) b / bins, (double) (b + 1) / bins, c,
                    c == 0 ? 0 : correct[b] / c, c == 0 ? 0 : confidence[b] / c));
        }
        return result;
    }

    /** Expected calibration error over {@code bins} equal-width bins. */
    public static double ece(float[][] probs, int[] labels, int bins) {
        return reliability(probs, labels, bins).stream()
                .mapToDouble(b -> b.count() * Math.abs(b.accuracy() - b.confidence()))
                .sum() / probs.length;
    }

    /** Expected calibration error over {@value #DEFAULT_BINS} bins. */
    public static double ece(float[][] probs, int[] labels) {
        return ece(probs, labels, DEFAULT_BINS);
    }

    /** Mean negative log-likelihood of the true class. */
    public static double nll(float[][] probs, int[] labels) {
        checkInputs(probs, labels);
        double sum = 0;
        for (int i = 0; i < probs.length; i++) {
            sum -= Math.log(Math.max(PROBABILITY_FLOOR, probs[i][labels[i]]));
        }
        return sum / probs.length;
    }

    /** Mean multi-class Brier score. */
    public static double brier(float[][] probs, int[] labels) {
        checkInputs(probs, labels);
        double sum = 0;
        for (int i = 0; i < probs.length; i++) {
            for (int c = 0; c < probs[i].length; c++) {
                double d = probs[i][c] - (c == labels[i] ? 1 : 0);
                sum += d * d;
            }
        }
        return sum / probs.length;
    }

    /** Mean NLL of {@code softmax(logits / temperature)}, computed stably from the logits. */
    public static double nllOfLogits(float[][] logits, int[] labels, double temperature) {
        checkInputs(logits, labels);
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            sum += logSumExp(logits[i], temperature) - logits[i][labels[i]] / temperature;
        }
        return sum / logits.length;
    }

    /**
     * The temperature {@code T} in [{@value #MIN_TEMPERATURE}, {@value #MAX_TEMPERATURE}] that
     * minimises {@link #nllOfLogits}: golden-section search on {@code log T} (NLL is convex in
     * {@code 1/T}, hence unimodal in {@code log T}) with a fixed number of steps, so the result
     * is deterministic. {@code T > 1} softens an over-confident model.
     */
    public static double fitTemperature(float[][] logits, int[] labels) {
        checkInputs(logits, labels);
        double lo = Math.log(MIN_TEMPERATURE);
        double hi = Math.log(MAX_TEMPERATURE);
        double x1 = hi - INV_PHI * (hi - lo);
        double x2 = lo + INV_PHI * (hi - lo);
        double f1 = nllOfLogits(logits, labels, Math.exp(x1));
        double f2 = nllOfLogits(logits, labels, Math.exp(x2));
        for (int step = 0; step < GOLDEN_STEPS; step++) {
            if (f1 <= f2) {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - INV_PHI * (hi - lo);
                f1 = nllOfLogits(logits, labels, Math.exp(x1));
            } else {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + INV_PHI * (hi - lo);
                f2 = nllOfLogits(logits, labels, Math.exp(x2));
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    /**
     * A warning when {@code fitted} lies at the search's bound: the NLL had no minimum inside it
     * (every face right, so sharper is always better, or a flat NLL), and the value says little.
     */
    public static java.util.Optional<String> boundWarning(double fitted) {
        if (fitted > MIN_TEMPERATURE * BOUND_MARGIN && fitted < MAX_TEMPERATURE / BOUND_MARGIN) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "the fitted temperature %.4g is at the "
                + "search's bound [%s, %s]: the validation NLL has no minimum inside it (every face right, or too "
                + "few faces), so it says little", fitted, MIN_TEMPERATURE, MAX_TEMPERATURE));
    }

    /** {@code softmax(logits / temperature)}, shifted by the maximum so no exponent overflows. */
    public static double[] softmax(float[] logits, double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        double lse = logSumExp(logits, temperature);
        double[] p = new double[logits.length];
        for (int c = 0; c < logits.length; c++) {
            p[c] = Math.exp(logits[c] / temperature - lse);
        }
        return p;
    }

    /** Row-wise {@link #softmax} as floats, the form the other methods take. */
    public static float[][] probabilities(float[][] logits, double temperature) {
        float[][] probs = new float[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            double[] p = softmax(logits[i], temperature);
            probs[i] = new float[p.length];
            for (int c = 0; c < p.length; c++) {
                probs[i][c] = (float) p[c];
            }
        }
        return probs;
    }

    private static double logSumExp(float[] logits, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (float z : logits) {
            max = Math.max(max, z / temperature);
        }
        double sum = 0;
        for (float z : logits) {
            sum += Math.exp(z / temperature - max);
        }
        return max + Math.log(sum);
    }

    private static void checkInputs(float[][] rows, int[] labels) {
        if (rows.length == 0 || rows.length != labels.length) {
            throw new IllegalArgumentException("need one label per row and at least one row; got "
                    + rows.length + " rows and " + labels.length + " labels");
        }
        for (int i = 0; i < rows.length; i++) {
            if (labels[i] < 0 || labels[i] >= rows[i].length) {
                throw new IllegalArgumentException("label " + labels[i] + " of row " + i
                        + " out of range 0.." + (rows[i].length - 1));
            }
        }
    }
}
