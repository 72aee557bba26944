package dev.deepfer.face;

/**
 * An axis-aligned face rectangle in image pixels (top-left corner, size) with the detector's
 * confidence. Scores are only comparable between boxes of the same detector.
 *
 * @param x left edge
 * @param y top edge
 * @param width width, positive
 * @param height height, positive
 * @param score detector confidence; higher is more face-like ({@code NaN} for hand-labelled boxes)
 */
public record FaceBox(int x, int y, int width, int height, double score) {
    /** Validates the size. */
    public FaceBox {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a face box needs a positive size, got " + width + "x" + height);
        }
    }

    /** A hand-labelled box (no score). */
    public static FaceBox labelled(int x, int y, int width, int height) {
        return new FaceBox(x, y, width, height, Double.NaN);
    }

    /** Horizontal centre. */
    public double centreX() {
        return x + width / 2.0;
    }

    /** Vertical centre. */
    public double centreY() {
        return y + height / 2.0;
    }

    /** Area in pixels. */
    public long area() {
        return (long) width * height;
    }

    /** Intersection over union with {@code other}: 1 for the same box, 0 for disjoint ones. */
    public double iou(FaceBox other) {
        long w = Math.min(x + width, other.x + other.width) - Math.max(x, other.x);
        long h = Math.min(y + height, other.y + other.height) - Math.max(y, other.y);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double inter = (double) w * h;
        return inter / (area() + other.area() - inter);
    }

    /** This box with every coordinate multiplied by {@code factor} (rounded), score kept. */
    public FaceBox scaled(double factor) {
        int x0 = (int) Math.round(x * factor);
        int y0 = (int) Math.round(y * factor);
        int x1 = (int) Math.round((x + width) * factor);
        int y1 = (int) Math.round((y + height) * factor);
        return new FaceBox(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0), score);
    }
}
