package dev.deepfer.eval.corrupt;

import dev.deepfer.data.FaceDataset;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Training-time corruption augmentation, a robustness lever: with probability {@code probability}
 * a training face is corrupted by one of {@code corruptions}, drawn uniformly, at a severity drawn
 * uniformly from 1 to {@code maxSeverity}, before the geometric and photometric augmentation.
 * Families left out of {@code corruptions} stay unseen in training, so the benchmark can tell
 * robustness that transfers from robustness that was trained for.
 *
 * @param probability  chance that a face is corrupted
 * @param maxSeverity  largest severity drawn, 1..5
 * @param corruptions  the families drawn from; not empty
 */
public record CorruptionAugmentation(double probability, int maxSeverity, List<Corruption> corruptions) {

    public CorruptionAugmentation {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("corruption probability must be in [0, 1], got " + probability);
        }
        Corruption.checkSeverity(maxSeverity);
        Objects.requireNonNull(corruptions, "corruptions");
        if (corruptions.isEmpty()) {
            throw new IllegalArgumentException("corruption augmentation needs at least one corruption; valid: "
                    + Corruption.labels(List.of(Corruption.values())));
        }
        corruptions = List.copyOf(corruptions);
    }

    /** The families a model trained with this lever has never seen. */
    public List<Corruption> heldOut() {
        return Arrays.stream(Corruption.values()).filter(c -> !corruptions.contains(c)).toList();
    }

    /** {@code face} itself, or a corrupted copy; draws nothing from {@code rng} when the probability is 0. */
    public byte[] apply(byte[] face, int size, Random rng) {
        if (probability == 0 || rng.nextDouble() >= probability) {
            return face;
        }
        Corruption c = corruptions.get(rng.nextInt(corruptions.size()));
        int severity = 1 + rng.nextInt(maxSeverity);
        return Corruptions.apply(face, size, c, severity, rng);
    }

    /** The images at {@code indices}, in that order, each passed through {@link #apply(byte[], int, Random)}. */
    public FaceDataset apply(FaceDataset data, int[] indices, Random rng) {
        int size = data.imageSize();
        int area = size * size;
        byte[] pixels = new byte[indices.length * area];
        byte[] labels = new byte[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(apply(data.image(indices[i]), size, rng), 0, pixels, i * area, area);
            labels[i] = (byte) data.label(indices[i]);
        }
        return new FaceDataset(data.source() + " (corruption-augmented batch)", size, pixels, labels);
    }
}
