package dev.deepfer.train;

import ai.djl.ndarray.NDArray;
import dev.deepfer.nn.Scalars;

/**
 * Focal loss (Lin et al., 2017, "Focal Loss for Dense Object Detection"), which down-weights
 * examples the network already classifies well so that training concentrates on hard ones (in
 * FER2013: fear, disgust, sad):
 *
 * <pre>
 *   FL = (1/N) * sum_i  -alpha_{y_i} * (1 - p_{i,y_i})^gamma * log p_{i,y_i}
 * </pre>
 *
 * where {@code p = softmax(logits)} and {@code log p} comes from {@code logSoftmax} (no
 * exponentiation of raw logits). With {@code gamma = 0} and no {@code alpha} it is exactly softmax
 * cross-entropy. Labels are class indices {@code [N]} (int, long or float), predictions raw logits
 * {@code [N, C]}; the result is a differentiable scalar.
 */
public class FocalLoss extends LogitLoss {

    private final float gamma;

    /**
     * @param gamma focusing parameter, {@code >= 0} (2 in the paper and in deepfer's default)
     * @param alpha per-class weights {@code alpha_c > 0} of length {@code C}, or {@code null} for 1
     */
    public FocalLoss(float gamma, float[] alpha) {
        super("FocalLoss", alpha);
        if (!(gamma >= 0) || Float.isInfinite(gamma)) {
            throw new IllegalArgumentException("focal gamma must be finite and >= 0, got " + gamma);
        }
        this.gamma = gamma;
    }

    /** Focal loss with the given {@code gamma} and no class weighting. */
    public FocalLoss(float gamma) {
        this(gamma, null);
    }

    /** The focusing parameter. */
    public float gamma() {
        return gamma;
    }

    @Override
    NDArray perSample(NDArray logProbs, NDArray labels) {
        NDArray logPy = trueClass(logProbs, labels);
        NDArray ce = logPy.neg();
        if (gamma == 0) {
            return ce;
        }
        // exp of a log-probability (<= 0) cannot overflow. 1 - p is 0 in float32 for a near-certain right
        // answer, and the power's gradient there, gamma (1 - p)^(gamma - 1), is infinite for gamma < 1: the
        // base is kept at 1e-12 or more (clamped, so its gradient is 0 there, as the loss is flat)
        NDArray modulation = logPy.exp().neg().add(1).clip(1e-12f, 1f).pow(Scalars.like(logPy, gamma));
        return modulation.mul(ce);
    }
}
