package dev.deepfer.video;

/**
 * What a video's header says about its picture stream.
 *
 * @param width frame width in pixels, after the display rotation is applied
 * @param height frame height in pixels, after the display rotation is applied
 * @param frameRate frames per second (the container's nominal rate; 25 when it declares none)
 * @param frameCount frames the header announces; an estimate (0 when unknown): count while reading
 * @param codec the decoder's name, e.g. {@code h264}
 */
public record VideoInfo(int width, int height, double frameRate, int frameCount, String codec) {
    /** Validates the sizes and the rate. */
    public VideoInfo {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a video needs a positive frame size, got " + width + "x" + height);
        }
        if (!(frameRate > 0)) {
            throw new IllegalArgumentException("frame rate must be positive, got " + frameRate);
        }
    }

    /** Seconds between two frames at the nominal rate. */
    public double frameInterval() {
        return 1 / frameRate;
    }
}
