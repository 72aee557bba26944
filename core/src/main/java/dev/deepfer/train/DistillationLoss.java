package dev.deepfer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import dev.deepfer.nn.Scalars;

/**
 * The {@link Distillation} objective around a base loss. Labels are
 * {@code NDList(classIndices [N], teacherProbabilities [N, C])}, predictions raw logits
 * {@code [N, C]}; the result is the scalar
 * {@code (1 - w) * base(labels, logits) + w * T^2 * mean_n KL(q_n || softmax(z_n / T))} with
 * {@code q_n = softmax(log p_n / T)}. The {@code T^2} keeps the soft term's gradients on the scale
 * of the hard one when {@code T} changes.
 */
final class DistillationLoss extends Loss {
    /** Teacher probabilities are clamped here before the logarithm (a confident teacher's zeros). */
    private static final float MIN_PROBABILITY = 1e-8f;

    private final Loss base;
    private final float weight;
    private final float temperature;

    DistillationLoss(Loss base, Distillation d) {
        super("distillation");
        this.base = base;
        this.weight = d.weight();
        this.temperature = d.temperature();
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        if (labels.size() != 2) {
            throw new IllegalArgumentException("distillation expects labels (class indices, teacher probabilities); got "
                    + labels.size() + " array(s)");
        }
        NDArray teacher = labels.get(1);
        if (!teacher.getShape().equals(logits.getShape())) {
            throw new IllegalArgumentException("teacher probabilities " + teacher.getShape()
                    + " do not match the logits " + logits.getShape());
        }
        NDArray logTeacher = teacher.clip(MIN_PROBABILITY, 1f).log().div(temperature).logSoftmax(-1);
        NDArray logStudent = logits.div(Scalars.like(logits, temperature)).logSoftmax(-1);
        NDArray soft = logTeacher.exp().mul(logTeacher.sub(logStudent)).sum(new int[] {1}).mean();
        NDArray total = soft.mul(Scalars.like(soft, weight * temperature * temperature));
        if (weight == 1) {
            return total;
        }
        NDArray hard = base.evaluate(new NDList(labels.get(0)), predictions);
        return hard.mul(Scalars.like(hard, 1 - weight)).add(total);
    }
}
