package dev.deepfer.eval;

import dev.deepfer.data.FaceDataset;
import dev.deepfer.model.Ensemble;
import dev.deepfer.model.Fusion;
import java.util.ArrayList;
import java.util.List;

/**
 * The "ensemble of 3 vs each pair vs each member" ablation from logits computed once per member:
 * every subset of two or more members fused by the mean of their probabilities (no fitted
 * weights, so no subset is tuned on the data it is scored on).
 */
public final class EnsembleAblation {
    private EnsembleAblation() {
    }

    /** One fused subset: its members' names joined with " + ", and its confusion matrix. */
    public record Subset(String name, List<Integer> members, ConfusionMatrix confusion) {
    }

    /**
     * @param names        member names, in the order of {@code memberLogits}
     * @param memberLogits per member, logits of every image of {@code data}
     * @return subsets of size 2..n, smaller subsets first, members in the given order
     */
    public static List<Subset> subsets(List<String> names, List<float[][]> memberLogits, FaceDataset data) {
        int n = names.size();
        if (n != memberLogits.size()) {
            throw new IllegalArgumentException(n + " names for " + memberLogits.size() + " members");
        }
        if (n > 10) {
            throw new IllegalArgumentException("at most 10 members (2^n subsets), got " + n);
        }
        List<Subset> out = new ArrayList<>();
        for (int size = 2; size <= n; size++) {
            for (int mask = 0; mask < 1 << n; mask++) {
                if (Integer.bitCount(mask) == size) {
                    out.add(fuse(mask, names, memberLogits, data));
                }
            }
        }
        return out;
    }

    private static Subset fuse(int mask, List<String> names, List<float[][]> memberLogits, FaceDataset data) {
        List<Integer> members = new ArrayList<>();
        for (int m = 0; m < names.size(); m++) {
            if ((mask & 1 << m) != 0) {
                members.add(m);
            }
        }
        ConfusionMatrix cm = new ConfusionMatrix();
        float[][] perImage = new float[members.size()][];
        double[] uniform = Ensemble.uniformWeights(members.size());
        for (int i = 0; i < data.count(); i++) {
            for (int k = 0; k < members.size(); k++) {
                perImage[k] = memberLogits.get(members.get(k))[i];
            }
            cm.add(data.label(i), DatasetScorer.argmax(Fusion.MEAN_PROBABILITIES.fuse(perImage, uniform)));
        }
        String name = String.join(" + ", members.stream().map(names::get).toList());
        return new Subset(name, List.copyOf(members), cm);
    }
}
