package dev.deepfer.data;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Builds training and evaluation batches from a {@link FaceDataset} as plain arrays: images of
 * shape {@code [n, 1, size, size]}, normalised with a {@link Normalization}, and their labels. The
 * caller wraps them in an NDArray ({@code manager.create(batch.images(), new Shape(batch.shape()))}),
 * so this stays free of engine types and cheap to test.
 */
public final class BatchAssembler {
    private final Normalization normalization;
    private final int outSize;

    /**
     * @param normalization applied to every value
     * @param outSize       side of the network input (the crop size)
     */
    public BatchAssembler(Normalization normalization, int outSize) {
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        if (outSize <= 0) {
            throw new IllegalArgumentException("outSize must be positive, got " + outSize);
        }
        this.outSize = outSize;
    }

    /**
     * Assemblers for any crop side, each made on first use: the members of an ensemble may take
     * different sides. Not thread-safe; one per scoring call.
     */
    public static IntFunction<BatchAssembler> bySide(Normalization normalization) {
        Map<Integer, BatchAssembler> made = new HashMap<>();
        return side -> made.computeIfAbsent(side, s -> new BatchAssembler(normalization, s));
    }

    /**
     * One batch of the images at {@code indices}: augmented with {@code augmentation} and
     * {@code rng}, or centre-cropped when {@code augmentation} is null ({@code rng} may then be null).
     */
    public Batch assemble(FaceDataset data, int[] indices, Augmentation augmentation, Random rng) {
        if (augmentation != null) {
            if (augmentation.config().outputSize() != outSize) {
                throw new IllegalArgumentException("augmentation outputs " + augmentation.config().outputSize()
                        + "x" + augmentation.config().outputSize() + " but the batch is " + outSize + "x" + outSize);
            }
            Objects.requireNonNull(rng, "rng is needed with an augmentation");
        }
        return build(data, indices, 1, (image, dst, offset) -> {
            if (augmentation == null) {
                Augmentation.centre(image, data.imageSize(), outSize, dst, offset);
            } else {
                augmentation.apply(image, data.imageSize(), dst, offset, rng);
            }
        });
    }

    /**
     * The test-time views of the images at {@code indices}: {@code n * mode.views()} images, the
     * views of one image next to each other; labels are per image.
     */
    public Batch assembleViews(FaceDataset data, int[] indices, TtaMode mode) {
        return build(data, indices, mode.views(),
                (image, dst, offset) -> Tta.views(image, data.imageSize(), outSize, mode, dst, offset));
    }

    private Batch build(FaceDataset data, int[] indices, int views, ViewWriter writer) {
        if (outSize > data.imageSize()) {
            throw new IllegalArgumentException("batch size " + outSize + " exceeds the " + data.imageSize()
                    + "x" + data.imageSize() + " images of " + data.source());
        }
        int area = outSize * outSize;
        float[] images = new float[indices.length * views * area];
        int[] labels = new int[indices.length];
        byte[] image = new byte[data.imageSize() * data.imageSize()];
        for (int i = 0; i < indices.length; i++) {
            int index = indices[i];
            if (index < 0 || index >= data.count()) {
                throw new IndexOutOfBoundsException("index " + index + " out of range for " + data);
            }
            data.copyImage(index, image, 0);
            writer.write(image, images, i * views * area);
            labels[i] = data.label(index);
        }
        normalization.applyInPlace(images, 0, images.length);
        return new Batch(images, labels, indices.length * views, outSize);
    }

    @FunctionalInterface
    private interface ViewWriter {
        void write(byte[] image, float[] dst, int offset);
    }

    /**
     * Normalised images and their labels.
     *
     * @param images {@code count * size * size} values, image after image
     * @param labels one class index per source image ({@code count / views} of them)
     * @param count  number of images (source images times views)
     * @param size   side of each image
     */
    public record Batch(float[] images, int[] labels, int count, int size) {
        /** {@code [count, 1, size, size]}, the NCHW shape of {@link #images()}. */
        public long[] shape() {
            return new long[] {count, 1, size, size};
        }
    }
}
