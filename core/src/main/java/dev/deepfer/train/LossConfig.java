package dev.deepfer.train;

import java.util.Arrays;
import java.util.Objects;

/**
 * Which training loss to build, as data: {@code focalWeight * FocalLoss(focalGamma) +
 * smoothingWeight * LabelSmoothingCrossEntropy(smoothing)}, both with the same optional class
 * weights (the focal {@code alpha}). A term whose weight is 0 is left out. {@link Losses#create}
 * turns it into a DJL loss.
 *
 * @param focalGamma focal focusing parameter, {@code >= 0}
 * @param focalWeight weight of the focal term, {@code >= 0}
 * @param smoothing label-smoothing mass, in {@code [0, 1)}
 * @param smoothingWeight weight of the label-smoothing term, {@code >= 0}
 * @param classWeights per-class weights ({@code > 0}), or {@code null} for none; copied in and out
 */
public record LossConfig(
        float focalGamma, float focalWeight, float smoothing, float smoothingWeight, float[] classWeights) {

    /** Validates every field with a message naming it. */
    public LossConfig {
        requireNonNegative("focalGamma", focalGamma);
        requireNonNegative("focalWeight", focalWeight);
        requireNonNegative("smoothingWeight", smoothingWeight);
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("smoothing must be in [0, 1), got " + smoothing);
        }
        if (focalWeight + smoothingWeight == 0) {
            throw new IllegalArgumentException("focalWeight and smoothingWeight are both 0: no loss");
        }
        classWeights = classWeights == null ? null : LogitLoss.checkWeights(classWeights).clone();
    }

    /** Plain softmax cross-entropy. */
    public static LossConfig crossEntropy() {
        return new LossConfig(0, 0, 0, 1, null);
    }

    /** {@code 0.5 * focal(gamma) + 0.5 * smoothing(eps)}, unweighted classes. */
    public static LossConfig focalPlusSmoothing(float gamma, float eps) {
        return new LossConfig(gamma, 0.5f, eps, 0.5f, null);
    }

    /** The reference recipe: {@code 0.5 * focal(gamma=2) + 0.5 * smoothing(eps=0.1)}. */
    public static LossConfig focalPlusSmoothing() {
        return focalPlusSmoothing(2f, 0.1f);
    }

    /** This configuration with the given class weights (e.g. {@link Losses#inverseFrequencyWeights}). */
    public LossConfig withClassWeights(float[] weights) {
        return new LossConfig(focalGamma, focalWeight, smoothing, smoothingWeight, weights);
    }

    /** A copy of the class weights, or {@code null}. */
    @Override
    public float[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LossConfig c
                && Float.compare(focalGamma, c.focalGamma) == 0
                && Float.compare(focalWeight, c.focalWeight) == 0
                && Float.compare(smoothing, c.smoothing) == 0
                && Float.compare(smoothingWeight, c.smoothingWeight) == 0
                && Arrays.equals(classWeights, c.classWeights);
    }

    @Override
    public int hashCode() {
        return Objects.hash(focalGamma, focalWeight, smoothing, smoothingWeight)
                * 31 + Arrays.hashCode(classWeights);
    }

    @Override
    public String toString() {
        return "LossConfig[focalGamma=" + focalGamma + ", focalWeight=" + focalWeight
                + ", smoothing=" + smoothing + ", smoothingWeight=" + smoothingWeight
                + ", classWeights=" + Arrays.toString(classWeights) + "]";
    }

    private static void requireNonNegative(String name, float value) {
        if (!(value >= 0) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
    }
}
