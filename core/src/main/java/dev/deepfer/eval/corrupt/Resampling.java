package dev.deepfer.eval.corrupt;

import dev.deepfer.data.GreyImages;

import java.util.Random;

/** Corruptions that move or resample pixels: in-plane rotation and loss of resolution. */
final class Resampling {
    private Resampling() {
    }

    /**
     * Parameter: angle in degrees, turned clockwise or anticlockwise by a fair coin, about the image
     * centre, sampled bilinearly; pixels brought in from outside repeat the nearest edge pixel.
     */
    static float[] rotate(float[] image, int size, double[] params, Random rng) {
        double angle = Math.toRadians(params[0]) * (rng.nextBoolean() ? 1 : -1);
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double c = size / 2.0;
        float[] out = new float[image.length];
        for (int v = 0; v < size; v++) {
            double dy = v + 0.5 - c;
            for (int u = 0; u < size; u++) {
                double dx = u + 0.5 - c;
                double sx = c + cos * dx + sin * dy - 0.5;
                double sy = c - sin * dx + cos * dy - 0.5;
                out[v * size + u] = bilinear(image, size, sx, sy);
            }
        }
        return out;
    }

    /** Parameter: the side, in pixels, the face is shrunk to (area averaging) before it is enlarged back. */
    static float[] lowResolution(float[] image, int size, double[] params, Random rng) {
        int small = (int) params[0];
        if (small >= size) {
            return image;
        }
        float[] shrunk = GreyImages.resize(image, size, size, small, small);
        return GreyImages.resize(shrunk, small, small, size, size);
    }

    private static float bilinear(float[] image, int size, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        float fx = (float) (x - x0);
        float fy = (float) (y - y0);
        float top = at(image, size, x0, y0) * (1 - fx) + at(image, size, x0 + 1, y0) * fx;
        float bottom = at(image, size, x0, y0 + 1) * (1 - fx) + at(image, size, x0 + 1, y0 + 1) * fx;
        return top * (1 - fy) + bottom * fy;
    }

    private static float at(float[] image, int size, int x, int y) {
        return image[Math.min(size - 1, Math.max(0, y)) * size + Math.min(size - 1, Math.max(0, x))];
    }
}
