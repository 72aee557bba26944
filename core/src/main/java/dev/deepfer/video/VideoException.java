package dev.deepfer.video;

/**
 * A video that could not be read or written, with a stable {@link Reason} for callers that map
 * failures to exit codes, and a message that names the file and says what was wrong.
 */
public final class VideoException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the video failed. The names are stable: the CLI may expose them. */
    public enum Reason {
        /** The path does not exist, is a folder or cannot be read. */
        UNREADABLE,
        /** FFmpeg does not recognise the bytes as a container, or the file has no video stream. */
        NOT_A_VIDEO,
        /** A frame is larger than the pixel limit (checked from the stream header). */
        TOO_MANY_PIXELS,
        /** Decoding stopped part-way: the file is damaged or truncated. */
        CORRUPT,
        /** The output could not be created or encoded. */
        WRITE_FAILED
    }

    private final Reason reason;

    /** A failure of the video at {@code name}. */
    public VideoException(Reason reason, String name, String detail) {
        this(reason, name, detail, null);
    }

    /** As {@link #VideoException(Reason, String, String)} with the underlying cause. */
    public VideoException(Reason reason, String name, String detail, Throwable cause) {
        super(name + ": " + detail, cause);
        this.reason = reason;
    }

    /** The stable failure category. */
    public Reason reason() {
        return reason;
    }
}
