package dev.deepfer.model;

/**
 * How a network's stem downsamples its input. ImageNet stems shrink 224-pixel images 4x (ResNet)
 * or 2x (EfficientNet) before the first stage; on 48-pixel faces that leaves 12x12 maps, so the
 * small-input stem keeps more resolution at a higher compute cost. The budget study picks one.
 */
public enum Stem {
    /** The reference stem: ResNet 7x7/2 conv + 3x3/2 max pool; EfficientNet 3x3/2 conv. */
    IMAGENET(7, 2, true),
    /** Small-input stem: 3x3/1 conv; ResNet keeps the 3x3/2 max pool, EfficientNet has none. */
    SMALL(3, 1, true);

    private final int kernel;
    private final int stride;
    private final boolean maxPool;

    Stem(int kernel, int stride, boolean maxPool) {
        this.kernel = kernel;
        this.stride = stride;
        this.maxPool = maxPool;
    }

    /** Kernel of the ResNet stem convolution (EfficientNet always uses 3). */
    public int kernel() {
        return kernel;
    }

    public int stride() {
        return stride;
    }

    /** Whether the ResNet stem ends with a 3x3/2 max pool. */
    public boolean maxPool() {
        return maxPool;
    }
}
