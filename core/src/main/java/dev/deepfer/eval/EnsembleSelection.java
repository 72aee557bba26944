package dev.deepfer.eval;

import dev.deepfer.model.Fusion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which members an ensemble keeps, chosen on validation predictions only: every subset of the
 * requested size gets its fusion weights fitted ({@link EnsembleWeights}) and is scored by
 * validation accuracy (ties broken by the lower negative log-likelihood). The test split plays no
 * part, so it can still be reported once for the chosen subset.
 */
public final class EnsembleSelection {
    private EnsembleSelection() {
    }

    /** One subset: member indices (ascending), its fitted weights, validation accuracy and NLL. */
    public record Candidate(List<Integer> members, double[] weights, double accuracy, double nll) {
    }

    /**
     * @param memberLogits per candidate member, {@code [n][classes]} logits on the validation split
     * @param labels       validation labels
     * @param fusion       the fusion the ensemble will use
     * @param size         how many members to keep (1..number of candidates)
     * @return every subset of that size, best first
     */
    public static List<Candidate> rank(List<float[][]> memberLogits, int[] labels, Fusion fusion, int size) {
        int n = memberLogits.size();
        if (size < 1 || size > n) {
            throw new IllegalArgumentException("cannot keep " + size + " of " + n + " members");
        }
        if (n > 16) {
            throw new IllegalArgumentException("at most 16 candidate members, got " + n);
        }
        List<Candidate> out = new ArrayList<>();
        for (int mask = 1; mask < 1 << n; mask++) {
            if (Integer.bitCount(mask) != size) {
                continue;
            }
            List<Integer> members = new ArrayList<>();
            List<float[][]> logits = new ArrayList<>();
            for (int m = 0; m < n; m++) {
                if ((mask & 1 << m) != 0) {
                    members.add(m);
                    logits.add(memberLogits.get(m));
                }
            }
            double[] w = EnsembleWeights.fit(logits, labels, fusion);
            out.add(new Candidate(List.copyOf(members), w, accuracy(logits, labels, fusion, w),
                    EnsembleWeights.nll(logits, labels, fusion, w)));
        }
        out.sort(Comparator.comparingDouble(Candidate::accuracy).reversed().thenComparingDouble(Candidate::nll));
        return out;
    }

    /** Fraction of images whose fused prediction is the label. */
    public static double accuracy(List<float[][]> memberLogits, int[] labels, Fusion fusion, double[] weights) {
        float[][] perImage = new float[memberLogits.size()][];
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            for (int k = 0; k < perImage.length; k++) {
                perImage[k] = memberLogits.get(k)[i];
            }
            correct += DatasetScorer.argmax(fusion.fuse(perImage, weights)) == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }
}
