package dev.deepfer.model;

/** Numerically stable softmax, shared by fusion and scoring. */
public final class Softmax {
    private Softmax() {
    }

    /** {@code exp(z - max) / sum}, in double precision. */
    public static double[] of(float[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
