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

    /**
     * Accuracy of {@code fusion} on images its weights were not fitted on: image {@code i} goes to
     * fold {@code i % folds}, and each fold is scored with weights {@link #fit fitted} on the
     * others. Compared with the same number for {@link Fusion#MEAN_PROBABILITIES} (whose weights
     * need no fitting), it tells whether fitted weights generalise or only fit their own split.
     *
     * @param folds number of folds, at least 2 and at most the number of images
     */
    public static double crossFittedAccuracy(List<float[][]> memberLogits, int[] labels, Fusion fusion, int folds) {
        if (folds < 2 || folds > labels.length) {
            throw new IllegalArgumentException("folds must be in [2, " + labels.length + "], got " + folds);
        }
        double correct = 0;
        for (int fold = 0; fold < folds; fold++) {
            final int held = fold;
            int[] fitRows = java.util.stream.IntStream.range(0, labels.length).filter(i -> i % folds != held).toArray();
            int[] testRows = java.util.stream.IntStream.range(0, labels.length).filter(i -> i % folds == held).toArray();
            double[] w = fit(rows(memberLogits, fitRows), pick(labels, fitRows), fusion);
            correct += EnsembleSelection.accuracy(rows(memberLogits, testRows), pick(labels, testRows), fusion, w)
                    * testRows.length;
        }
        return correct / labels.length;
    }

    /** The given rows of every member's logits (row arrays shared, not copied). */
    private static List<float[][]> rows(List<float[][]> memberLogits, int[] rows) {
        return memberLogits.stream()
                .map(all -> java.util.Arrays.stream(rows).mapToObj(r -> all[r]).toArray(float[][]::new)).toList();
    }

    private static int[] pick(int[] labels, int[] rows) {
        return java.util.Arrays.stream(rows).map(r -> labels[r]).toArray();
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
