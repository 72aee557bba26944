package dev.deepfer.video;

/**
 * How {@link VideoAnalyzer} follows faces through a video.
 *
 * @param tracking the tracker's tuning
 * @param halfLifeSeconds the {@link Smoothing} half-life; 0 = no smoothing
 * @param detectEvery run the face detector on every n-th frame only (1 = every frame); on the frames
 *     between, the faces are recognised at the boxes of the previous frame (a face moving fast
 *     drifts out of its box for up to n-1 frames). While no face is known, every frame is searched.
 */
public record VideoOptions(TrackerOptions tracking, double halfLifeSeconds, int detectEvery) {
    /** Validates the fields. */
    public VideoOptions {
        Smoothing.checkHalfLife(halfLifeSeconds);
        if (detectEvery < 1) {
            throw new IllegalArgumentException("detectEvery must be at least 1, got " + detectEvery);
        }
    }

    /** Default tracking, {@link Smoothing#DEFAULT_HALF_LIFE_SECONDS}, detection on every frame. */
    public static VideoOptions defaults() {
        return new VideoOptions(TrackerOptions.defaults(), Smoothing.DEFAULT_HALF_LIFE_SECONDS, 1);
    }
}
