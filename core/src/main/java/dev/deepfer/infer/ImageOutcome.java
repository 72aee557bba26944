package dev.deepfer.infer;

import dev.deepfer.data.ImageDecodeException;

import java.util.Objects;

/**
 * What became of one image of a batch ({@link EmotionRecognizer#recognizeAll}): its result, or why
 * it could not be read. Exactly one of the two is present, so a bad file is data for the caller to
 * report, not an exception that stops the batch.
 *
 * @param result the faces found, or {@code null} when the image could not be read
 * @param failure why the image could not be read, or {@code null}
 */
public record ImageOutcome(RecognitionResult result, ImageDecodeException failure) {
    /** Checks that exactly one of result and failure is given. */
    public ImageOutcome {
        if ((result == null) == (failure == null)) {
            throw new IllegalArgumentException("an outcome is either a result or a failure");
        }
    }

    /** A read image. */
    public static ImageOutcome read(RecognitionResult result) {
        return new ImageOutcome(Objects.requireNonNull(result), null);
    }

    /** An image that could not be read. */
    public static ImageOutcome failed(ImageDecodeException failure) {
        return new ImageOutcome(null, Objects.requireNonNull(failure));
    }

    /** Whether the image was read. */
    public boolean isRead() {
        return result != null;
    }
}
