package dev.deepfer.explain;

import java.util.Arrays;

/**
 * A non-negative map over a face crop, row-major, {@code width x height} values. Explanation maps
 * are normalised to [0, 1]: member maps peak at exactly 1 (or are all 0 when nothing supports the
 * target), the ensemble map is a weighted mean of member maps and so stays within [0, 1].
 *
 * @param width  columns
 * @param height rows
 * @param values {@code width * height} values, row after row
 */
public record HeatMap(int width, int height, float[] values) {

    public HeatMap {
        if (width <= 0 || height <= 0 || values.length != width * height) {
            throw new IllegalArgumentException(values.length + " values for a " + width + "x" + height + " map");
        }
        values = values.clone();
    }

    /** The value at column {@code x}, row {@code y}. */
    public float at(int x, int y) {
        return values[y * width + x];
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    /** Largest value. */
    public float max() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** Sum of the values. */
    public double sum() {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }

    /**
     * {@code raw} with negatives set to 0 and divided by its maximum, so it peaks at 1; all zeros
     * when nothing is positive (Grad-CAM's ReLU then found no evidence for the target).
     */
    public static HeatMap peakNormalised(int width, int height, float[] raw) {
        float max = 0;
        for (float v : raw) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("map value is not finite: " + v);
            }
            max = Math.max(max, v);
        }
        float[] out = new float[raw.length];
        if (max > 0) {
            for (int i = 0; i < raw.length; i++) {
                out[i] = Math.max(0, raw[i]) / max;
            }
        }
        return new HeatMap(width, height, out);
    }

    /** {@code raw} rescaled so its minimum is 0 and its maximum 1; all zeros when it is constant. */
    public static HeatMap rangeNormalised(int width, int height, float[] raw) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : raw) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("map value is not finite: " + v);
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float[] out = new float[raw.length];
        if (max > min) {
            for (int i = 0; i < raw.length; i++) {
                out[i] = (raw[i] - min) / (max - min);
            }
        }
        return new HeatMap(width, height, out);
    }

    /**
     * Bilinear resize to {@code w x h} with pixel centres aligned the way PyTorch's
     * {@code interpolate(align_corners=False)} and OpenCV's {@code resize} align them (a feature
     * cell covers its share of the face), edges clamped.
     */
    /**
     * Resamples a feature-grid map onto a {@code w x h} input whose pixels it sees at
     * {@code stride}: cell i is centred on input pixel (i + 0.5) stride - 0.5, which for a grid that
     * does not cover the whole input (a 44-pixel input pooled 11 → 5 → 2 keeps 2 x 16 = 32 pixels)
     * is not where stretching the grid over the input puts it; beyond the last cell the map holds
     * its edge value (the convolutions' receptive fields reach there). With {@code stride * sw == w}
     * it is {@link #resize}.
     */
    public static float[] resizeAtStride(float[] src, int sw, int sh, double stride, int w, int h) {
        return resample(src, sw, sh, 1 / stride, 1 / stride, w, h);
    }

    public static float[] resize(float[] src, int sw, int sh, int w, int h) {
        return resample(src, sw, sh, (double) sw / w, (double) sh / h, w, h);
    }

    /** Bilinear, with output pixel x read at grid position (x + 0.5) sx - 0.5, clamped to the grid. */
    private static float[] resample(float[] src, int sw, int sh, double sx, double sy, int w, int h) {
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            double fy = Math.min(sh - 1, Math.max(0, (y + 0.5) * sy - 0.5));
            int y0 = (int) fy;
            int y1 = Math.min(sh - 1, y0 + 1);
            double ty = fy - y0;
            for (int x = 0; x < w; x++) {
                double fx = Math.min(sw - 1, Math.max(0, (x + 0.5) * sx - 0.5));
                int x0 = (int) fx;
                int x1 = Math.min(sw - 1, x0 + 1);
                double tx = fx - x0;
                double top = src[y0 * sw + x0] * (1 - tx) + src[y0 * sw + x1] * tx;
                double bottom = src[y1 * sw + x0] * (1 - tx) + src[y1 * sw + x1] * tx;
                out[y * w + x] = (float) (top * (1 - ty) + bottom * ty);
            }
        }
        return out;
    }

    /**
     * {@code sum_m weights[m] * maps[m]}: the ensemble's map from its members' maps and fusion
     * weights (which sum to 1, so maps in [0, 1] give a map in [0, 1]). Maps must share their size.
     */
    public static HeatMap weightedMean(java.util.List<HeatMap> maps, double[] weights) {
        if (maps.isEmpty() || maps.size() != weights.length) {
            throw new IllegalArgumentException(maps.size() + " maps but " + weights.length + " weights");
        }
        HeatMap first = maps.get(0);
        double[] acc = new double[first.values.length];
        for (int m = 0; m < maps.size(); m++) {
            HeatMap map = maps.get(m);
            if (map.width != first.width || map.height != first.height) {
                throw new IllegalArgumentException("maps differ in size: " + first.width + "x" + first.height
                        + " and " + map.width + "x" + map.height);
            }
            for (int i = 0; i < acc.length; i++) {
                acc[i] += weights[m] * map.values[i];
            }
        }
        float[] out = new float[acc.length];
        for (int i = 0; i < acc.length; i++) {
            out[i] = (float) Math.min(1, Math.max(0, acc[i]));
        }
        return new HeatMap(first.width, first.height, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeatMap h && h.width == width && h.height == height && Arrays.equals(h.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "HeatMap[" + width + "x" + height + ", max " + max() + "]";
    }
}
