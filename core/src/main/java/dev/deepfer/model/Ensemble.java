package dev.deepfer.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Several classifiers fused into one: each member scores the same faces, the outputs are fused
 * ({@link Fusion}) and sharpened or softened by a temperature T fitted on validation data. The
 * returned "logits" are {@code log(p)/T}, so their softmax is the calibrated fused distribution.
 * Members may differ in input size (by the caller's contract they share the normalisation): the
 * ensemble's input is the largest, and each smaller member sees the centre of it, as it would alone
 * (or, through {@link #logits(IntFunction, int)}, its own crops and test-time views).
 */
public final class Ensemble implements FaceClassifier {
    private final List<? extends FaceClassifier> members;
    private final Fusion fusion;
    private final double[] weights;
    private final double temperature;

    public Ensemble(List<? extends FaceClassifier> members, Fusion fusion, double[] weights, double temperature) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        int largest = 0;
        for (FaceClassifier m : members) {
            if (m.inputSize() <= 0) {
                throw new IllegalArgumentException("a member's input size must be positive, got " + m.inputSize());
            }
            largest = Math.max(largest, m.inputSize());
        }
        for (FaceClassifier m : members) {
            if ((largest - m.inputSize()) % 2 != 0) { // a centre crop of a centre crop must be the centre crop
                throw new IllegalArgumentException("ensemble members' input sizes must differ by an even number of"
                        + " pixels, got " + largest + " and " + m.inputSize());
            }
        }
        if (weights.length != members.size()) {
            throw new IllegalArgumentException(members.size() + " members but " + weights.length + " weights");
        }
        double sum = 0;
        for (double w : weights) {
            if (w < 0 || !Double.isFinite(w)) {
                throw new IllegalArgumentException("fusion weights must be finite and non-negative, got " + w);
            }
            sum += w;
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException("fusion weights must sum to 1, got " + sum);
        }
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        this.members = List.copyOf(members);
        this.fusion = fusion;
        this.weights = weights.clone();
        this.temperature = temperature;
    }

    /** Equal weights, no temperature. */
    public static double[] uniformWeights(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0 / n);
        return w;
    }

    public List<? extends FaceClassifier> members() {
        return members;
    }

    public Fusion fusion() {
        return fusion;
    }

    public double[] weights() {
        return weights.clone();
    }

    public double temperature() {
        return temperature;
    }

    /** The largest member input size: what {@link #logits(float[], int)} takes. */
    @Override
    public int inputSize() {
        return members.stream().mapToInt(FaceClassifier::inputSize).max().orElseThrow();
    }

    /** Whether some members expect another input size than others. */
    public boolean mixesInputSizes() {
        return members.stream().mapToInt(FaceClassifier::inputSize).distinct().count() > 1;
    }

    /** The same members and weights with another temperature. */
    public Ensemble withTemperature(double t) {
        return new Ensemble(members, fusion, weights, t);
    }

    /**
     * Runs the members whose output carries weight and fuses them. A member with fitted weight 0
     * (the fit can give one none, and it stays in the bundle for {@code results} and explanations)
     * is not run: its output would be multiplied by 0 in every fusion, so zero logits stand in for it
     * and the result is the same, for one member's inference time less (unless that member's output
     * is not finite: 0 times NaN would have made the fused output NaN).
     */
    @Override
    public float[][] logits(float[] images, int count) {
        int side = inputSize();
        checked(images, count, side);
        return logits(s -> s == side ? images : centreCrops(images, count, side, s), count);
    }

    private static float[] checked(float[] images, int count, int side) {
        if (images == null || images.length != count * side * side) {
            throw new IllegalArgumentException(count + " images of " + side + "x" + side + " need " + count * side * side
                    + " values, got " + (images == null ? "none" : images.length));
        }
        return images;
    }

    /** Each member gets the images at its own side; one call per side in use. */
    @Override
    public float[][] logits(IntFunction<float[]> imagesAtSide, int count) {
        Map<Integer, float[]> atSide = new HashMap<>();
        List<float[][]> memberLogits = new java.util.ArrayList<>(members.size());
        double[] carried = effectiveWeights();
        int classes = -1;
        for (int m = 0; m < members.size(); m++) {
            FaceClassifier member = members.get(m);
            float[][] out = carried[m] > 0
                    ? member.logits(atSide.computeIfAbsent(member.inputSize(), side -> checked(imagesAtSide.apply(side),
                            count, side)), count)
                    : null;
            if (out != null && out.length > 0) {
                classes = out[0].length;
            }
            memberLogits.add(out);
        }
        for (int m = 0; m < memberLogits.size(); m++) {
            if (memberLogits.get(m) == null) {
                memberLogits.set(m, new float[count][Math.max(classes, 0)]);
            }
        }
        return fuse(memberLogits);
    }

    /** The centre {@code to x to} of each of {@code count} {@code from x from} images. */
    static float[] centreCrops(float[] images, int count, int from, int to) {
        if (to > from) {
            throw new IllegalArgumentException("cannot crop " + to + "x" + to + " out of " + from + "x" + from);
        }
        int offset = (from - to) / 2;
        float[] out = new float[count * to * to];
        for (int i = 0; i < count; i++) {
            for (int y = 0; y < to; y++) {
                System.arraycopy(images, i * from * from + (y + offset) * from + offset, out, (i * to + y) * to, to);
            }
        }
        return out;
    }

    /** Whether {@link #logits} runs member {@code m}: false when its output carries no weight. */
    public boolean runsMember(int m) {
        return effectiveWeights()[m] > 0;
    }

    /**
     * The ensemble's output from its members' logits ({@code [member][image][class]}, member order):
     * {@code log(fused p) / T}.
     */
    public float[][] fuse(List<float[][]> memberLogits) {
        if (memberLogits.size() != members.size()) {
            throw new IllegalArgumentException(members.size() + " members but logits of " + memberLogits.size());
        }
        int count = memberLogits.get(0).length;
        float[][] out = new float[count][];
        float[][] perImage = new float[members.size()][];
        for (int i = 0; i < count; i++) {
            for (int m = 0; m < members.size(); m++) {
                perImage[m] = memberLogits.get(m)[i];
            }
            out[i] = fuse(perImage);
        }
        return out;
    }

    /**
     * Fuses one image's member logits ({@code [members][classes]}, in member order) into the
     * ensemble's output {@code log(p)/T}, for callers that already ran the members.
     */
    public float[] fuse(float[][] memberLogits) {
        if (memberLogits.length != members.size()) {
            throw new IllegalArgumentException(members.size() + " members but " + memberLogits.length + " outputs");
        }
        double[] p = fusion.fuse(memberLogits, weights);
        float[] out = new float[p.length];
        for (int c = 0; c < p.length; c++) {
            out[c] = (float) (Math.log(Math.max(p[c], 1e-30)) / temperature);
        }
        return out;
    }

    /** The weight each member's output carries in the fusion ({@link Fusion#effectiveWeights}). */
    public double[] effectiveWeights() {
        return fusion.effectiveWeights(weights);
    }
}
