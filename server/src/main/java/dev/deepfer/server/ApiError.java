package dev.deepfer.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deepfer.data.ImageDecodeException;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * A request the server refuses, answered as {@code {"error": code, "message": text}} with its
 * status. Codes are stable (clients switch on them); decode failures reuse
 * {@link ImageDecodeException.Reason} names in lower case ({@code empty}, {@code truncated_or_corrupt},
 * {@code unsupported_format}, {@code too_many_pixels}, {@code too_large}).
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String code;
    private final transient OptionalInt retryAfterSeconds;

    public ApiError(int status, String code, String message) {
        this(status, code, message, OptionalInt.empty());
    }

    private ApiError(int status, String code, String message, OptionalInt retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A 503 the client should retry after {@code seconds}. */
    public static ApiError unavailable(String code, String message, int seconds) {
        return new ApiError(503, code, message, OptionalInt.of(seconds));
    }

    /** 413 for too many bytes or pixels, 400 for anything else the decoder refuses. */
    public static ApiError of(ImageDecodeException e) {
        int status = switch (e.reason()) {
            case TOO_LARGE, TOO_MANY_PIXELS -> 413;
            case EMPTY, UNSUPPORTED_FORMAT, TRUNCATED_OR_CORRUPT, UNREADABLE -> 400;
        };
        return new ApiError(status, e.reason().name().toLowerCase(Locale.ROOT), e.getMessage());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public OptionalInt retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public String toJson() {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", code);
        body.put("message", getMessage());
        return body.toString();
    }
}
