package dev.deepfer.train;

/** The loss became NaN or infinite; the message says where. */
public final class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
