package dev.deepfer.eval.corrupt;

import java.util.Arrays;
import java.util.Random;

/**
 * Occluders painted black: a square at a random place, or a full-width band at a fixed row. The
 * random centre does not depend on the size, so a larger severity covers a superset.
 */
final class Occlusion {
    /** The patch centre is drawn uniformly from this central fraction of each axis. */
    private static final double CENTRE_LOW = 0.25;
    private static final double CENTRE_HIGH = 0.75;

    private Occlusion() {
    }

    /** Parameter: side as a fraction of the image side. */
    static float[] randomPatch(float[] image, int size, double[] params, Random rng) {
        double cx = size * (CENTRE_LOW + rng.nextDouble() * (CENTRE_HIGH - CENTRE_LOW));
        double cy = size * (CENTRE_LOW + rng.nextDouble() * (CENTRE_HIGH - CENTRE_LOW));
        double half = params[0] * size / 2;
        fill(image, size, cx - half, cx + half, cy - half, cy + half);
        return image;
    }

    /** Parameters: centre row and height, as fractions of the image side. */
    static float[] band(float[] image, int size, double[] params, Random rng) {
        double cy = params[0] * size;
        double half = params[1] * size / 2;
        fill(image, size, 0, size, cy - half, cy + half);
        return image;
    }

    /** Blackens the pixels whose centres lie in {@code [x0, x1) x [y0, y1)}. */
    private static void fill(float[] image, int size, double x0, double x1, double y0, double y1) {
        int left = Math.max(0, (int) Math.ceil(x0 - 0.5));
        int right = Math.min(size, (int) Math.ceil(x1 - 0.5));
        int top = Math.max(0, (int) Math.ceil(y0 - 0.5));
        int bottom = Math.min(size, (int) Math.ceil(y1 - 0.5));
        for (int y = top; y < bottom; y++) {
            if (left < right) {
                Arrays.fill(image, y * size + left, y * size + right, 0f);
            }
        }
    }
}
