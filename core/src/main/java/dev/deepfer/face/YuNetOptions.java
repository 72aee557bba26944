package dev.deepfer.face;

/**
 * Tuning of {@link YuNetFaceDetector}.
 *
 * @param scoreThreshold faces scoring below this (0-1) are dropped
 * @param nmsThreshold overlap (IoU) above which the weaker of two boxes is suppressed
 * @param minFaceSize smallest face side kept, in pixels of the original image
 * @param maxInputSide images whose longer side exceeds this are shrunk first; boxes are scaled back
 */
public record YuNetOptions(double scoreThreshold, double nmsThreshold, int minFaceSize, int maxInputSide) {
    /** Validates every field. */
    public YuNetOptions {
        if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) {
            throw new IllegalArgumentException("scoreThreshold must be in [0, 1], got " + scoreThreshold);
        }
        if (!(nmsThreshold > 0 && nmsThreshold <= 1)) {
            throw new IllegalArgumentException("nmsThreshold must be in (0, 1], got " + nmsThreshold);
        }
        if (minFaceSize < 1) {
            throw new IllegalArgumentException("minFaceSize must be at least 1 pixel, got " + minFaceSize);
        }
        if (maxInputSide < 64) {
            throw new IllegalArgumentException("maxInputSide must be at least 64 pixels, got " + maxInputSide);
        }
    }

    /** OpenCV's sample values (score 0.9, NMS 0.3) with the Haar detector's minimum face and input side. */
    public static YuNetOptions defaults() {
        DetectorOptions haar = DetectorOptions.defaults();
        return new YuNetOptions(0.9, 0.3, haar.minFaceSize(), haar.maxInputSide());
    }
}
