package dev.deepfer.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A data file (CSV row, image, folder tree) that cannot be read as a face dataset. The message
 * names the file, the 1-based line when there is one, and the reason, e.g.
 * {@code fer2013.csv.gz line 17: expected 2304 pixels, got 2303}, so a user can fix the input
 * without a debugger.
 */
public class InvalidDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final String reason;

    /**
     * @param file   the offending file or folder (its file name is used in the message)
     * @param line   1-based line number, or -1 when lines do not apply
     * @param reason what is wrong, without the file and line
     */
    public InvalidDataException(Path file, long line, String reason) {
        this(displayName(file), line, reason);
    }

    /** As {@link #InvalidDataException(Path, long, String)} with the file already named. */
    public InvalidDataException(String file, long line, String reason) {
        this(file, line, reason, null);
    }

    /** As {@link #InvalidDataException(Path, long, String)}, keeping the low-level cause. */
    public InvalidDataException(Path file, long line, String reason, Throwable cause) {
        this(displayName(file), line, reason, cause);
    }

    private InvalidDataException(String file, long line, String reason, Throwable cause) {
        super(Objects.requireNonNull(file, "file") + (line >= 0 ? " line " + line : "") + ": "
                + Objects.requireNonNull(reason, "reason"), cause);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    private static String displayName(Path file) {
        Path name = Objects.requireNonNull(file, "file").getFileName();
        return name == null ? file.toString() : name.toString();
    }

    /** The file (or folder) name as shown in the message. */
    public String file() {
        return file;
    }

    /** 1-based line number, or -1 when not applicable. */
    public long line() {
        return line;
    }

    /** What is wrong, without file and line. */
    public String reason() {
        return reason;
    }
}
