package dev.deepfer.face;

/**
 * Tuning of {@link HaarFaceDetector}.
 *
 * @param minFaceSize smallest face side searched for, in pixels of the original image
 * @param scaleFactor step between pyramid scales, above 1 (1.05 finds more, slower; 1.3 faster)
 * @param minNeighbors overlapping raw hits needed to keep a face (OpenCV grouping)
 * @param scoreThreshold boxes whose cascade score (final-stage weight sum) is below this are dropped
 * @param maxInputSide images whose longer side exceeds this are shrunk first (speed); boxes are
 *     scaled back to the original pixels
 */
public record DetectorOptions(int minFaceSize, double scaleFactor, int minNeighbors, double scoreThreshold,
        int maxInputSide) {
    /** Validates every field. */
    public DetectorOptions {
        if (minFaceSize < 1) {
            throw new IllegalArgumentException("minFaceSize must be at least 1 pixel, got " + minFaceSize);
        }
        if (!(scaleFactor > 1.0 && scaleFactor < 2.0)) {
            throw new IllegalArgumentException("scaleFactor must be in (1, 2), got " + scaleFactor);
        }
        if (minNeighbors < 0) {
            throw new IllegalArgumentException("minNeighbors must not be negative, got " + minNeighbors);
        }
        if (Double.isNaN(scoreThreshold)) {
            throw new IllegalArgumentException("scoreThreshold must be a number");
        }
        if (maxInputSide < 64) {
            throw new IllegalArgumentException("maxInputSide must be at least 64 pixels, got " + maxInputSide);
        }
    }

    /**
     * Defaults for {@link HaarFaceDetector#DEFAULT_CASCADE}, tuned on the labelled
     * faces-in-the-wild samples (see {@link DetectorEvaluation}): scale steps of 5% find the small
     * faces of group photos; 3 neighbours and a final-stage score of 107 (the alt cascade's scores
     * sit between about 106 and 110) drop almost every false alarm while keeping over 90% of faces.
     */
    public static DetectorOptions defaults() {
        return new DetectorOptions(24, 1.05, 3, 107.0, 1280);
    }

    /**
     * For live video frames (the web UI's webcam sends 320-pixel frames), where speed matters more
     * than small faces: faces of at least 48 pixels, 15% scale steps and a 320-pixel working image
     * scan about a tenth of the windows of {@link #defaults()}. What it costs in recall on the
     * labelled photos is measured in docs/RESULTS.md (live-mode section).
     */
    public static DetectorOptions live() {
        return new DetectorOptions(48, 1.15, 3, 107.0, 320);
    }

    /** A copy with another minimum face size. */
    public DetectorOptions withMinFaceSize(int size) {
        return new DetectorOptions(size, scaleFactor, minNeighbors, scoreThreshold, maxInputSide);
    }

    /** A copy with another score threshold. */
    public DetectorOptions withScoreThreshold(double threshold) {
        return new DetectorOptions(minFaceSize, scaleFactor, minNeighbors, threshold, maxInputSide);
    }
}
