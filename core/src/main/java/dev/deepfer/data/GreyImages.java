package dev.deepfer.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Turns any decoded image into the square uint8 grey faces the models eat: luma
 * {@code 0.299 R + 0.587 G + 0.114 B} (transparent pixels composited on black, 16-bit grey scaled
 * down), then a resize that averages areas when shrinking and interpolates bilinearly when
 * enlarging. Used by {@link ImageFolder} and, later, by face alignment.
 */
public final class GreyImages {
    private GreyImages() {
    }

    /** {@code img} as {@code size x size} grey bytes (row-major), stretched if not square. */
    public static byte[] toGrey(BufferedImage img, int size) {
        float[] grey = resize(luma(img), img.getWidth(), img.getHeight(), size, size);
        return toBytes(grey);
    }

    /**
     * Grey value 0..255 of every pixel, row-major. Grey images are read from their samples (so an
     * 8-bit grey PNG round-trips exactly, with no colour-space gamma); others through sRGB.
     */
    public static float[] luma(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        float[] out = new float[w * h];
        ColorModel cm = img.getColorModel();
        if (cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof IndexColorModel)) {
            Raster r = img.getRaster();
            float greyScale = 255f / ((1L << cm.getComponentSize(0)) - 1);
            boolean alpha = cm.hasAlpha() && !cm.isAlphaPremultiplied();
            float alphaScale = alpha ? 1f / ((1L << cm.getComponentSize(1)) - 1) : 0f;
            int[] grey = new int[w];
            int[] a = new int[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 0, grey);
                if (alpha) {
                    r.getSamples(0, y, w, 1, 1, a);
                }
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = grey[x] * greyScale * (alpha ? a[x] * alphaScale : 1f);
                }
            }
        } else {
            int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < argb.length; i++) {
                int p = argb[i];
                float l = 0.299f * ((p >> 16) & 0xFF) + 0.587f * ((p >> 8) & 0xFF) + 0.114f * (p & 0xFF);
                out[i] = l * ((p >>> 24) / 255f);
            }
        }
        return out;
    }

    /**
     * Resizes a {@code width x height} grey image to {@code outWidth x outHeight}, separably:
     * area averaging along an axis that shrinks, bilinear (pixel-centre aligned) along one that
     * grows, a plain copy along one that keeps its size.
     */
    public static float[] resize(float[] src, int width, int height, int outWidth, int outHeight) {
        if (width <= 0 || height <= 0 || outWidth <= 0 || outHeight <= 0 || src.length != width * height) {
            throw new IllegalArgumentException("cannot resize " + src.length + " values as " + width + "x"
                    + height + " to " + outWidth + "x" + outHeight);
        }
        Taps horizontal = Taps.of(width, outWidth);
        Taps vertical = Taps.of(height, outHeight);
        float[] rows = new float[height * outWidth];
        for (int y = 0; y < height; y++) {
            horizontal.apply(src, y * width, 1, rows, y * outWidth, 1);
        }
        float[] out = new float[outHeight * outWidth];
        for (int x = 0; x < outWidth; x++) {
            vertical.apply(rows, x, outWidth, out, x, outWidth);
        }
        return out;
    }

    /** Rounds and clamps 0..255 values to unsigned bytes. */
    public static byte[] toBytes(float[] grey) {
        byte[] out = new byte[grey.length];
        for (int i = 0; i < grey.length; i++) {
            out[i] = (byte) Math.max(0, Math.min(255, Math.round(grey[i])));
        }
        return out;
    }

    /** One axis of a resize: for each output index, the first source index and the weights from there. */
    private record Taps(int[] first, float[][] weights) {
        static Taps of(int in, int out) {
            int[] first = new int[out];
            float[][] weights = new float[out][];
            double scale = (double) in / out;
            for (int i = 0; i < out; i++) {
                if (scale > 1) {
                    double start = i * scale;
                    double end = start + scale;
                    int lo = (int) Math.floor(start);
                    int hi = Math.min(in, (int) Math.ceil(end));
                    first[i] = lo;
                    weights[i] = new float[hi - lo];
                    for (int k = lo; k < hi; k++) {
                        double overlap = Math.min(end, k + 1) - Math.max(start, k);
                        weights[i][k - lo] = (float) (overlap / scale);
                    }
                } else {
                    double x = Math.max(0, Math.min(in - 1, (i + 0.5) * scale - 0.5));
                    int x0 = (int) Math.floor(x);
                    float fx = (float) (x - x0);
                    first[i] = x0;
                    weights[i] = x0 + 1 < in ? new float[] {1 - fx, fx} : new float[] {1};
                }
            }
            return new Taps(first, weights);
        }

        void apply(float[] src, int srcOffset, int srcStride, float[] dst, int dstOffset, int dstStride) {
            for (int i = 0; i < first.length; i++) {
                float sum = 0;
                float[] w = weights[i];
                int s = srcOffset + first[i] * srcStride;
                for (int k = 0; k < w.length; k++) {
                    sum += w[k] * src[s + k * srcStride];
                }
                dst[dstOffset + i * dstStride] = sum;
            }
        }
    }
}
