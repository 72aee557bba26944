package dev.deepfer.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

/**
 * An in-memory set of square grey face images stored as uint8 (one byte per pixel, row-major,
 * image after image) with one {@link Emotion} label per image. 28,709 FER2013 training faces
 * take 66 MB this way. Immutable: the arrays are never handed out.
 */
public final class FaceDataset {
    private final String source;
    private final int size;
    private final byte[] pixels;
    private final byte[] labels;

    /**
     * @param source where the images came from (file and split), for messages and provenance
     * @param size   side of every image in pixels
     * @param pixels {@code n * size * size} grey values, copied
     * @param labels {@code n} class indices in {@link Emotion} order, copied
     */
    public FaceDataset(String source, int size, byte[] pixels, byte[] labels) {
        this.source = Objects.requireNonNull(source, "source");
        if (size <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + size);
        }
        if ((long) labels.length * size * size != pixels.length) {
            throw new IllegalArgumentException(source + ": " + pixels.length + " pixels do not make "
                    + labels.length + " images of " + size + "x" + size);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= Emotion.COUNT) {
                throw new IllegalArgumentException(source + ": label " + labels[i] + " of image " + i
                        + " is out of range 0.." + (Emotion.COUNT - 1));
            }
        }
        this.size = size;
        this.pixels = pixels.clone();
        this.labels = labels.clone();
    }

    public String source() {
        return source;
    }

    /** Number of images. */
    public int count() {
        return labels.length;
    }

    /** Side of every image in pixels. */
    public int imageSize() {
        return size;
    }

    public Emotion emotion(int index) {
        return Emotion.ofIndex(labels[index]);
    }

    public int label(int index) {
        return labels[index];
    }

    /** Grey value (0..255) of pixel (row, col) of image {@code index}. */
    public int pixel(int index, int row, int col) {
        return pixels[(index * size + row) * size + col] & 0xFF;
    }

    /** Copies image {@code index} into {@code dst} at {@code offset} ({@code size*size} bytes). */
    public void copyImage(int index, byte[] dst, int offset) {
        System.arraycopy(pixels, index * size * size, dst, offset, size * size);
    }

    /** A copy of image {@code index} as {@code size*size} bytes. */
    public byte[] image(int index) {
        byte[] out = new byte[size * size];
        copyImage(index, out, 0);
        return out;
    }

    /** Images per class, in {@link Emotion} order. */
    public int[] classCounts() {
        int[] counts = new int[Emotion.COUNT];
        for (byte l : labels) {
            counts[l]++;
        }
        return counts;
    }

    /** The images at the given indices, in that order. */
    public FaceDataset select(int[] indices, String newSource) {
        int area = size * size;
        byte[] p = new byte[indices.length * area];
        byte[] l = new byte[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * area, p, i * area, area);
            l[i] = labels[indices[i]];
        }
        return new FaceDataset(newSource, size, p, l);
    }

    /**
     * The images with no exact pixel copy in {@code reference}, in their order. FER2013's test
     * splits hold such copies of Training images (280 in PublicTest, 288 in PrivateTest, nearly all
     * with the same label): a model can be right on them by memory, so accuracy on what is left
     * measures recognition of faces it has not seen.
     */
    public FaceDataset withoutCopiesIn(FaceDataset reference) {
        if (reference.size != size) {
            throw new IllegalArgumentException("cannot compare " + size + "x" + size + " images with "
                    + reference.size + "x" + reference.size + " ones");
        }
        int area = size * size;
        java.util.Set<java.nio.ByteBuffer> seen = new java.util.HashSet<>();
        for (int i = 0; i < reference.count(); i++) {
            seen.add(java.nio.ByteBuffer.wrap(reference.pixels, i * area, area).slice()); // content equality
        }
        int[] kept = java.util.stream.IntStream.range(0, count())
                .filter(i -> !seen.contains(java.nio.ByteBuffer.wrap(pixels, i * area, area).slice())).toArray();
        return select(kept, source + " (without copies in " + reference.source + ")");
    }

    /** A seeded random subset of {@code n} images (without replacement), e.g. for regression tests. */
    public FaceDataset sample(int n, long seed) {
        if (n > count()) {
            throw new IllegalArgumentException("cannot sample " + n + " of " + count() + " images");
        }
        int[] idx = shuffledIndices(count(), new Random(seed));
        int[] first = Arrays.copyOf(idx, n);
        return select(first, source + " (sample " + n + ", seed " + seed + ")");
    }

    /** A Fisher-Yates permutation of 0..n-1. */
    public static int[] shuffledIndices(int n, Random rng) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return idx;
    }

    @Override
    public String toString() {
        return "FaceDataset[" + source + ", " + count() + " images of " + size + "x" + size + "]";
    }
}
