package dev.deepfer.spark;

/**
 * An executor could not use the job's model bundle: it cannot find or read it, its weights fail
 * their SHA-256 check, its manifest is refused, or it is not the bundle the driver checked. Thrown
 * inside a task, it reaches the driver as the cause of Spark's job failure, where {@link SparkMain}
 * maps it to exit code 2 (an unusable model), as the same fault found by the driver is.
 */
final class ModelUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether {@code failure} or one of its causes is this exception, or names it in its message:
     * Spark sends a task's exception to the driver only when it serialises, and its stack trace, in
     * the job failure's message, always.
     */
    static boolean isCauseOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ModelUnavailableException || t.getMessage() != null
                    && t.getMessage().contains(ModelUnavailableException.class.getName())) {
                return true;
            }
        }
        return false;
    }
}
