package dev.deepfer.eval;

import dev.deepfer.model.Fusion;

import java.util.List;

/**
 * Fits fusion weights on validation predictions: coordinate descent on the probability simplex
 * that moves weight between pairs of members while the validation negative log-likelihood drops,
 * halving the step when no move helps. Deterministic; NLL rather than accuracy because it is
 * smooth and does not overfit to ties.
 */
public final class EnsembleWeights {
    private EnsembleWeights() {
    }

    /**
     * @param memberLogits per member, {@code [n][classes]} logits on the validation split
     * @param labels       validation labels
     * @param fusion       how the weights will be used
     * @return weights summing to 1
     */
    public static double[] fit(List<float[][]> memberLogits, int[] labels, Fusion fusion) {
        int m = memberLogits.size();
        double[] w = new double[m];
        java.util.Arrays.fill(w, 1.0 / m);
        if (m == 1 || fusion == Fusion.MEAN_PROBABILITIES) {
            return w;
        }
        double best = nll(memberLogits, labels, fusion, w);
        for (double step = 0.2; step >= 0.0125; step /= 2) {
            boolean moved = true;
            while (moved) {
                moved = false;
                for (int to = 0; to < m; to++) {
                    for (int from = 0; from < m; from++) {
                        double delta = Math.min(step, w[from]);
                        if (to == from || delta <= 0) {
                            continue;
                        }
                        w[from] -= delta;
                        w[to] += delta;
                        double candidate = nll(memberLogits, labels, fusion, w);
                        if (candidate < best - 1e-9) {
                            best = candidate;
                            moved = true;
                        } else {
                            w[from] += delta;
                            w[to] -= delta;
                        }
                    }
                }
            }
        }
        return w;
    }

    /** Mean negative log-likelihood of the fused predictions. */
    public static double nll(List<float[][]> memberLogits, int[] labels, Fusion fusion, double[] weights) {
        double sum = 0;
        float[][] perImage = new float[memberLogits.size()][];
        for (int i = 0; i < labels.length; i++) {
            for (int k = 0; k < perImage.length; k++) {
                perImage[k] = memberLogits.get(k)[i];
            }
            sum -= Math.log(Math.max(fusion.fuse(perImage, weights)[labels[i]], 1e-15));
        }
        return sum / labels.length;
    }
}
