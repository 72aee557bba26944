package dev.deepfer.video;

/**
 * Tuning of {@link FaceTracker}.
 *
 * @param minIou overlap (intersection over union) a detection needs with a track's last box to
 *     continue it; in (0, 1]
 * @param maxMissedFrames frames a track may go undetected (a blink of the detector, a turned head)
 *     before it ends; a face found again after that gets a new id
 */
public record TrackerOptions(double minIou, int maxMissedFrames) {
    /** Validates the fields. */
    public TrackerOptions {
        if (!(minIou > 0 && minIou <= 1)) {
            throw new IllegalArgumentException("minIou must be in (0, 1], got " + minIou);
        }
        if (maxMissedFrames < 0) {
            throw new IllegalArgumentException("maxMissedFrames must not be negative, got " + maxMissedFrames);
        }
    }

    /**
     * IoU 0.3 (a face moving a third of its width between frames still matches, two people side by
     * side do not) and 15 missed frames (half a second at 30 frames/s).
     */
    public static TrackerOptions defaults() {
        return new TrackerOptions(0.3, 15);
    }
}
