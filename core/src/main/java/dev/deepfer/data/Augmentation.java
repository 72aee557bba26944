package dev.deepfer.data;

import java.util.Objects;
import java.util.Random;

/**
 * Seeded training-time augmentation of uint8 grey faces into [0,1] floats, in pure Java. Random
 * crop, flip, rotation, zoom and shift are combined into one inverse affine map, so each output
 * pixel is sampled once, bilinearly, from the source; brightness, contrast and random erasing
 * follow. The same {@link Random} state gives the same output. Stateless apart from its config,
 * hence thread-safe (give each thread its own {@code Random}).
 */
public final class Augmentation {
    /** Aspect-ratio range of erased rectangles, as in Zhong et al. and torchvision. */
    private static final double MIN_ERASE_RATIO = 0.3;
    private static final double MAX_ERASE_RATIO = 1 / 0.3;
    private static final int ERASE_ATTEMPTS = 10;

    private final AugmentationConfig config;

    public Augmentation(AugmentationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public AugmentationConfig config() {
        return config;
    }

    /**
     * Writes one augmented view of {@code src} ({@code srcSize x srcSize} bytes) as
     * {@code outputSize x outputSize} values in [0,1] into {@code dst} at {@code dstOffset}.
     */
    public void apply(byte[] src, int srcSize, float[] dst, int dstOffset, Random rng) {
        int out = config.outputSize();
        int cropRange = srcSize + 2 * config.padding() - out;
        checkSizes(src, srcSize, out, dst, dstOffset);
        if (cropRange < 0) {
            throw new IllegalArgumentException("output " + out + " does not fit in " + srcSize + " + 2x"
                    + config.padding() + " padding");
        }
        double centreX = rng.nextInt(cropRange + 1) - config.padding() + out / 2.0;
        double centreY = rng.nextInt(cropRange + 1) - config.padding() + out / 2.0;
        boolean flip = config.hflipProbability() > 0 && rng.nextDouble() < config.hflipProbability();
        double angle = Math.toRadians(symmetric(rng, config.maxRotationDegrees()));
        double scale = config.minScale() == config.maxScale() ? config.minScale()
                : config.minScale() + rng.nextDouble() * (config.maxScale() - config.minScale());
        centreX += symmetric(rng, config.maxTranslateFraction()) * srcSize;
        centreY += symmetric(rng, config.maxTranslateFraction()) * srcSize;

        // output offset d from the output centre maps to source centre + R(-angle) * flip(d) / scale
        double cos = Math.cos(angle) / scale;
        double sin = Math.sin(angle) / scale;
        boolean reflect = config.border() == AugmentationConfig.Border.REFLECT;
        for (int v = 0; v < out; v++) {
            double dy = v + 0.5 - out / 2.0;
            for (int u = 0; u < out; u++) {
                double dx = flip ? out / 2.0 - u - 0.5 : u + 0.5 - out / 2.0;
                double sx = centreX + cos * dx + sin * dy - 0.5;
                double sy = centreY - sin * dx + cos * dy - 0.5;
                dst[dstOffset + v * out + u] = bilinear(src, srcSize, sx, sy, reflect) / 255f;
            }
        }
        adjustPhotometry(dst, dstOffset, out * out, rng);
        if (config.erasingProbability() > 0 && rng.nextDouble() < config.erasingProbability()) {
            erase(dst, dstOffset, out, rng);
        }
    }

    /** The evaluation view: the centre {@code outSize x outSize} crop as values /255, no randomness. */
    public static void centre(byte[] src, int srcSize, int outSize, float[] dst, int dstOffset) {
        int offset = (srcSize - outSize) / 2;
        crop(src, srcSize, offset, offset, outSize, false, dst, dstOffset);
    }

    /**
     * Copies the {@code outSize x outSize} window at column {@code x0}, row {@code y0} of
     * {@code src} as values /255, mirrored left-right when {@code mirror}.
     */
    public static void crop(byte[] src, int srcSize, int x0, int y0, int outSize, boolean mirror,
                            float[] dst, int dstOffset) {
        checkSizes(src, srcSize, outSize, dst, dstOffset);
        if (x0 < 0 || y0 < 0 || x0 + outSize > srcSize || y0 + outSize > srcSize) {
            throw new IllegalArgumentException("crop " + outSize + "x" + outSize + " at (" + x0 + ", " + y0
                    + ") does not fit in " + srcSize + "x" + srcSize);
        }
        for (int v = 0; v < outSize; v++) {
            int row = (y0 + v) * srcSize + x0;
            for (int u = 0; u < outSize; u++) {
                int col = mirror ? outSize - 1 - u : u;
                dst[dstOffset + v * outSize + u] = (src[row + col] & 0xFF) / 255f;
            }
        }
    }

    private void adjustPhotometry(float[] dst, int offset, int length, Random rng) {
        if (config.brightness() == 0 && config.contrast() == 0) {
            return;
        }
        float brightness = (float) (1 + symmetric(rng, config.brightness()));
        float contrast = (float) (1 + symmetric(rng, config.contrast()));
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += dst[i];
        }
        float mean = (float) (sum / length) * brightness;
        for (int i = offset; i < offset + length; i++) {
            float v = (dst[i] * brightness - mean) * contrast + mean;
            dst[i] = Math.max(0f, Math.min(1f, v));
        }
    }

    private void erase(float[] dst, int offset, int size, Random rng) {
        double area = size * size;
        for (int attempt = 0; attempt < ERASE_ATTEMPTS; attempt++) {
            double target = area * (config.erasingMinArea()
                    + rng.nextDouble() * (config.erasingMaxArea() - config.erasingMinArea()));
            double ratio = Math.exp(Math.log(MIN_ERASE_RATIO)
                    + rng.nextDouble() * (Math.log(MAX_ERASE_RATIO) - Math.log(MIN_ERASE_RATIO)));
            int h = (int) Math.round(Math.sqrt(target * ratio));
            int w = (int) Math.round(Math.sqrt(target / ratio));
            if (h < 1 || w < 1 || h >= size || w >= size) {
                continue;
            }
            int top = rng.nextInt(size - h + 1);
            int left = rng.nextInt(size - w + 1);
            for (int y = top; y < top + h; y++) {
                for (int x = left; x < left + w; x++) {
                    dst[offset + y * size + x] = rng.nextFloat();
                }
            }
            return;
        }
    }

    private static float bilinear(byte[] src, int size, double x, double y, boolean reflect) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        float fx = (float) (x - x0);
        float fy = (float) (y - y0);
        float top = tap(src, size, x0, y0, reflect) * (1 - fx) + tap(src, size, x0 + 1, y0, reflect) * fx;
        float bottom = tap(src, size, x0, y0 + 1, reflect) * (1 - fx) + tap(src, size, x0 + 1, y0 + 1, reflect) * fx;
        return top * (1 - fy) + bottom * fy;
    }

    private static int tap(byte[] src, int size, int x, int y, boolean reflect) {
        if (x >= 0 && y >= 0 && x < size && y < size) {
            return src[y * size + x] & 0xFF;
        }
        return reflect ? src[reflectIndex(y, size) * size + reflectIndex(x, size)] & 0xFF : 0;
    }

    /** Reflects {@code i} into 0..size-1 without repeating the edge (period {@code 2(size-1)}). */
    private static int reflectIndex(int i, int size) {
        if (size == 1) {
            return 0;
        }
        int period = 2 * (size - 1);
        int m = Math.floorMod(i, period);
        return m < size ? m : period - m;
    }

    private static double symmetric(Random rng, double max) {
        return max == 0 ? 0 : (rng.nextDouble() * 2 - 1) * max;
    }

    private static void checkSizes(byte[] src, int srcSize, int outSize, float[] dst, int dstOffset) {
        if (srcSize <= 0 || src.length != srcSize * srcSize) {
            throw new IllegalArgumentException(src.length + " bytes are not a " + srcSize + "x" + srcSize + " image");
        }
        if (dstOffset < 0 || dstOffset + outSize * outSize > dst.length) {
            throw new IllegalArgumentException("no room for " + outSize + "x" + outSize + " values at offset "
                    + dstOffset + " of " + dst.length);
        }
    }
}
