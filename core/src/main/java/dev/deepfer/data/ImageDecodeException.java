package dev.deepfer.data;

/**
 * An image that could not be decoded, with a stable {@link Reason} for callers that map failures
 * to status codes or exit codes, and a message that names the file and says what was wrong.
 */
public final class ImageDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why decoding failed. The names are stable: servers and the CLI may expose them. */
    public enum Reason {
        /** The path does not exist, is a folder or cannot be read. */
        UNREADABLE,
        /** Zero bytes. */
        EMPTY,
        /** No installed image reader recognises the bytes (or the variant, e.g. CMYK JPEG). */
        UNSUPPORTED_FORMAT,
        /** The header or the pixel data ends early or is damaged. */
        TRUNCATED_OR_CORRUPT,
        /** The header declares more pixels than the decoder's limit (checked before decoding). */
        TOO_MANY_PIXELS,
        /** The file holds more bytes than the decoder's limit. */
        TOO_LARGE
    }

    private final Reason reason;
    private final String name;

    /** A failure for the image called {@code name} (a file name or an upload's label). */
    public ImageDecodeException(Reason reason, String name, String detail) {
        this(reason, name, detail, null);
    }

    /** As {@link #ImageDecodeException(Reason, String, String)} with the underlying cause. */
    public ImageDecodeException(Reason reason, String name, String detail, Throwable cause) {
        super(name + ": " + detail, cause);
        this.reason = reason;
        this.name = name;
    }

    /** The stable failure category. */
    public Reason reason() {
        return reason;
    }

    /** The name of the image as given to the decoder. */
    public String name() {
        return name;
    }
}
