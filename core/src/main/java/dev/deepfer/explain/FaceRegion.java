package dev.deepfer.explain;

/**
 * A box over the aligned face, in fractions of the aligned crop's side (x to the right, y down),
 * and how much of a map's mass falls inside it.
 *
 * @param left   left edge, in [0, 1)
 * @param top    top edge, in [0, 1)
 * @param right  right edge, in (left, 1]
 * @param bottom bottom edge, in (top, 1]
 */
public record FaceRegion(double left, double top, double right, double bottom) {
    /**
     * The eyes-nose-mouth box of a FER2013-framed 48x48 face: columns 10-37 and rows 12-41. On the
     * mean of the first 5,000 FER2013 training faces the eyes are darkest on row 17 at columns 15
     * and 32 and the mouth on row 38 ({@code tools/fer_mean_face.py}), so the box holds brows,
     * eyes, nose and mouth with a few pixels to spare and leaves out hair, ears, jaw line and
     * background.
     */
    public static final FaceRegion EYES_NOSE_MOUTH = new FaceRegion(10 / 48.0, 12 / 48.0, 38 / 48.0, 42 / 48.0);

    public FaceRegion {
        if (!(left >= 0 && top >= 0 && right <= 1 && bottom <= 1 && left < right && top < bottom)) {
            throw new IllegalArgumentException("a face region needs 0 <= left < right <= 1 and 0 <= top < bottom <= 1");
        }
    }

    /**
     * Whether pixel {@code (x, y)} of a map over the centre {@code mapSize} of a {@code faceSize}
     * aligned face lies inside (by its centre).
     */
    public boolean contains(int x, int y, int mapSize, int faceSize) {
        double offset = (faceSize - mapSize) / 2;
        double fx = (x + offset + 0.5) / faceSize;
        double fy = (y + offset + 0.5) / faceSize;
        return fx >= left && fx < right && fy >= top && fy < bottom;
    }

    /**
     * The share of {@code map}'s mass inside the region, for a map over the centre of a
     * {@code faceSize} aligned face; {@code NaN} for an all-zero map.
     */
    public double massFraction(HeatMap map, int faceSize) {
        double inside = 0;
        double total = 0;
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                double v = map.at(x, y);
                total += v;
                if (contains(x, y, map.width(), faceSize)) {
                    inside += v;
                }
            }
        }
        return total > 0 ? inside / total : Double.NaN;
    }

    /** The share a uniform map would put inside: the region's share of the map's pixels. */
    public double uniformFraction(int mapSize, int faceSize) {
        return massFraction(new HeatMap(mapSize, mapSize, filled(mapSize * mapSize)), faceSize);
    }

    private static float[] filled(int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return v;
    }
}
