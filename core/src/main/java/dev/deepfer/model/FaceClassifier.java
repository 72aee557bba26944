package dev.deepfer.model;

import java.util.function.IntFunction;

/**
 * Anything that maps a batch of normalised grey face crops to class logits: one network, or an
 * ensemble. Implementations are thread-safe.
 */
public interface FaceClassifier {

    /** Side of the square crops it expects. */
    int inputSize();

    /**
     * @param images {@code count * inputSize * inputSize} normalised values, image after image
     * @param count  number of images
     * @return logits (or log-probabilities), {@code [count][classes]}
     */
    float[][] logits(float[] images, int count);

    /**
     * The logits of {@code count} images that {@code imagesAtSide} gives at any side asked for
     * ({@code count * side * side} normalised values, the same images and views in the same order at
     * every side). One network asks for its {@link #inputSize()}; an ensemble whose members differ in
     * input size asks once per side, so each member sees its own crops (and test-time views) of the face.
     */
    default float[][] logits(IntFunction<float[]> imagesAtSide, int count) {
        return logits(imagesAtSide.apply(inputSize()), count);
    }
}
