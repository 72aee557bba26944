package dev.deepfer.model;

/** How an ensemble combines its members' outputs. */
public enum Fusion {
    /** Average of the members' softmax probabilities, equal weights. */
    MEAN_PROBABILITIES,
    /** Weighted average of probabilities, weights fitted on a validation split. */
    WEIGHTED_PROBABILITIES,
    /** Weighted average of logits, then softmax. */
    LOGIT_MEAN;

    /**
     * Fuses one image's member logits.
     *
     * @param memberLogits {@code [members][classes]}
     * @param weights      one non-negative weight per member, summing to 1
     * @return fused class probabilities
     */
    public double[] fuse(float[][] memberLogits, double[] weights) {
        int classes = memberLogits[0].length;
        double[] out = new double[classes];
        if (this == LOGIT_MEAN) {
            float[] z = new float[classes];
            for (int m = 0; m < memberLogits.length; m++) {
                for (int c = 0; c < classes; c++) {
                    z[c] += (float) (weights[m] * memberLogits[m][c]);
                }
            }
            return Softmax.of(z);
        }
        double[] w = effectiveWeights(weights);
        for (int m = 0; m < memberLogits.length; m++) {
            double[] p = Softmax.of(memberLogits[m]);
            for (int c = 0; c < classes; c++) {
                out[c] += w[m] * p[c];
            }
        }
        return out;
    }

    /**
     * The weight each member actually gets: equal for {@link #MEAN_PROBABILITIES} (which ignores
     * fitted weights), the given ones otherwise. Explanations combine the members' maps with these.
     */
    public double[] effectiveWeights(double[] weights) {
        if (this != MEAN_PROBABILITIES) {
            return weights.clone();
        }
        double[] w = new double[weights.length];
        java.util.Arrays.fill(w, 1.0 / weights.length);
        return w;
    }
}
