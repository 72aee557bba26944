package dev.deepfer.eval.corrupt;

import java.util.Random;

/**
 * Blur as a convolution with a normalised kernel, edge pixels repeated beyond the border: a
 * streak at a random angle (camera or head motion) or an anti-aliased disc (defocus).
 */
final class Blur {
    /** Samples per pixel of streak length when the streak is rasterised into its kernel. */
    private static final int STREAK_SAMPLES_PER_PIXEL = 4;

    private Blur() {
    }

    /** Parameter: streak length in pixels; the angle is drawn uniformly from [0°, 180°). */
    static float[] motion(float[] image, int size, double[] params, Random rng) {
        double angle = rng.nextDouble() * Math.PI;
        double length = params[0];
        int radius = (int) Math.ceil(length / 2) + 1;
        int side = 2 * radius + 1;
        float[] kernel = new float[side * side];
        int samples = (int) Math.ceil(length * STREAK_SAMPLES_PER_PIXEL) + 1;
        for (int s = 0; s < samples; s++) {
            double t = length * ((double) s / (samples - 1) - 0.5);
            splat(kernel, side, radius + t * Math.cos(angle), radius + t * Math.sin(angle));
        }
        return convolve(image, size, normalise(kernel), side);
    }

    /** Parameter: disc radius in pixels; a pixel's weight is the fraction of it inside the disc, roughly. */
    static float[] defocus(float[] image, int size, double[] params, Random rng) {
        double r = params[0];
        int radius = (int) Math.ceil(r);
        int side = 2 * radius + 1;
        float[] kernel = new float[side * side];
        for (int y = -radius; y <= radius; y++) {
            for (int x = -radius; x <= radius; x++) {
                double coverage = r + 0.5 - Math.hypot(x, y);
                kernel[(y + radius) * side + x + radius] = (float) Math.max(0, Math.min(1, coverage));
            }
        }
        return convolve(image, size, normalise(kernel), side);
    }

    /** Adds a unit sample at {@code (x, y)} to the kernel, spread bilinearly over its four neighbours. */
    private static void splat(float[] kernel, int side, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        float fx = (float) (x - x0);
        float fy = (float) (y - y0);
        kernel[y0 * side + x0] += (1 - fx) * (1 - fy);
        kernel[y0 * side + x0 + 1] += fx * (1 - fy);
        kernel[(y0 + 1) * side + x0] += (1 - fx) * fy;
        kernel[(y0 + 1) * side + x0 + 1] += fx * fy;
    }

    private static float[] normalise(float[] kernel) {
        double sum = 0;
        for (float k : kernel) {
            sum += k;
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= (float) sum;
        }
        return kernel;
    }

    /** A new image: {@code image} convolved with the odd {@code side x side} kernel, edges clamped. */
    static float[] convolve(float[] image, int size, float[] kernel, int side) {
        int radius = side / 2;
        float[] out = new float[image.length];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float sum = 0;
                for (int ky = 0; ky < side; ky++) {
                    int sy = Math.min(size - 1, Math.max(0, y + ky - radius));
                    for (int kx = 0; kx < side; kx++) {
                        float w = kernel[ky * side + kx];
                        if (w != 0) {
                            int sx = Math.min(size - 1, Math.max(0, x + kx - radius));
                            sum += w * image[sy * size + sx];
                        }
                    }
                }
                out[y * size + x] = sum;
            }
        }
        return out;
    }
}
