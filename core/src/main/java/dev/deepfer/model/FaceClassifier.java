package dev.deepfer.model;

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
}
