package dev.deepfer.eval.corrupt;

import java.util.Random;

/** Pixel-wise corruptions: sensor noise and exposure (gamma and gain). */
final class Photometry {
    private static final float RANGE = 255f;

    private Photometry() {
    }

    /** {@code x + sigma * 255 * N(0, 1)} per pixel; one Gaussian drawn per pixel at every sigma. */
    static float[] gaussianNoise(float[] image, int size, double[] params, Random rng) {
        float sigma = (float) (params[0] * RANGE);
        for (int i = 0; i < image.length; i++) {
            image[i] += sigma * (float) rng.nextGaussian();
        }
        return image;
    }

    /** {@code 255 * gain * (x / 255)^gamma}: gamma above 1 and gain below 1 darken, the reverse brightens. */
    static float[] exposure(float[] image, int size, double[] params, Random rng) {
        double gamma = params[0];
        double gain = params[1];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) (RANGE * gain * Math.pow(Math.max(0, image[i]) / RANGE, gamma));
        }
        return image;
    }
}
