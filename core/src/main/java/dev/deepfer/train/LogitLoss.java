package dev.deepfer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;

/**
 * Common frame of the classification losses: checks that labels are class indices {@code [N]} and
 * predictions raw logits {@code [N, C]}, takes a numerically stable {@code logSoftmax}, lets the
 * subclass turn log-probabilities into a per-sample loss, multiplies each sample by the weight of
 * its true class (when class weights are given) and returns the plain batch mean as a scalar.
 *
 * <p>Class weights scale a sample by {@code w_y} and the batch is divided by {@code N}, not by
 * {@code sum w_y} (PyTorch's weighted-mean convention): weights normalised to mean 1 keep the loss
 * on the cross-entropy scale.
 */
abstract class LogitLoss extends Loss {

    private final float[] classWeights;

    LogitLoss(String name, float[] classWeights) {
        super(name);
        this.classWeights = classWeights == null ? null : checkWeights(classWeights).clone();
    }

    /** The per-sample loss {@code [N]} from log-probabilities {@code [N, C]} and int64 labels {@code [N]}. */
    abstract NDArray perSample(NDArray logProbs, NDArray labels);

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        NDArray target = labels.singletonOrThrow();
        Shape shape = logits.getShape();
        if (shape.dimension() != 2 || target.getShape().dimension() != 1
                || target.getShape().get(0) != shape.get(0)) {
            throw new IllegalArgumentException(getName() + " expects labels [N] and logits [N, C]; got "
                    + target.getShape() + " and " + shape);
        }
        NDArray classes = target.toType(DataType.INT64, false);
        NDArray loss = perSample(logits.logSoftmax(-1), classes);
        if (classWeights != null) {
            if (classWeights.length != shape.get(1)) {
                throw new IllegalArgumentException(getName() + " has " + classWeights.length
                        + " class weights but the logits have " + shape.get(1) + " classes");
            }
            loss = loss.mul(logits.getManager().create(classWeights).take(classes));
        }
        return loss.mean();
    }

    /** {@code log p_y} for every sample: the log-probability of the true class, shape {@code [N]}. */
    static NDArray trueClass(NDArray logProbs, NDArray labels) {
        return logProbs.gather(labels.reshape(-1, 1), 1).reshape(-1);
    }

    /** Rejects empty, non-finite or non-positive weights with a message naming the bad entry. */
    static float[] checkWeights(float[] weights) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("class weights must not be empty");
        }
        for (int c = 0; c < weights.length; c++) {
            if (!(weights[c] > 0) || Float.isInfinite(weights[c])) {
                throw new IllegalArgumentException(
                        "class weight " + c + " must be positive and finite, got " + weights[c]);
            }
        }
        return weights;
    }
}
