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
        return scaled(factor, factor);
    }

    /**
     * This box with x and width multiplied by {@code fx}, y and height by {@code fy} (rounded),
     * score kept: a frame shrunk with its sides rounded apart is scaled back by each side's own ratio.
     */
    public FaceBox scaled(double fx, double fy) {
        int x0 = (int) Math.round(x * fx);
        int y0 = (int) Math.round(y * fy);
        int x1 = (int) Math.round((x + width) * fx);
        int y1 = (int) Math.round((y + height) * fy);
        return new FaceBox(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0), score);
    }

    /**
     * The part of this box inside an image of {@code imageWidth} x {@code imageHeight}, score kept;
     * this box itself when nothing of it is inside (a box needs a positive size).
     */
    public FaceBox clampedTo(int imageWidth, int imageHeight) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(imageWidth, x + width);
        int y1 = Math.min(imageHeight, y + height);
        return x1 > x0 && y1 > y0 ? new FaceBox(x0, y0, x1 - x0, y1 - y0, score) : this;
    }
}
