package dev.deepfer.train;

import ai.djl.ndarray.NDArray;
import dev.deepfer.nn.Scalars;

/**
 * Cross-entropy against a smoothed target (Szegedy et al., 2016, "Rethinking the Inception
 * Architecture"), which keeps the network from becoming over-confident on FER2013's noisy labels:
 *
 * <pre>
 *   q_c  = (1 - eps) * [c == y] + eps / C
 *   loss = (1/N) * sum_i  w_{y_i} * ( -sum_c q_{i,c} * log p_{i,c} )
 *        = (1/N) * sum_i  w_{y_i} * ( (1 - eps) * (-log p_{i,y_i}) + eps * mean_c(-log p_{i,c}) )
 * </pre>
 *
 * computed in the second form from {@code logSoftmax}, so no one-hot tensor is built. With
 * {@code eps = 0} and no weights it is exactly softmax cross-entropy. Optional class weights
 * {@code w} multiply each sample by the weight of its true class.
 */
public class LabelSmoothingCrossEntropy extends LogitLoss {

    private final float epsilon;

    /**
     * @param epsilon smoothing mass spread uniformly over the classes, in {@code [0, 1)}
     * @param classWeights per-class weights {@code w_c > 0} of length {@code C}, or {@code null}
     */
    public LabelSmoothingCrossEntropy(float epsilon, float[] classWeights) {
        super("LabelSmoothingCrossEntropy", classWeights);
        if (!(epsilon >= 0 && epsilon < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + epsilon);
        }
        this.epsilon = epsilon;
    }

    /** Label smoothing without class weights. */
    public LabelSmoothingCrossEntropy(float epsilon) {
        this(epsilon, null);
    }

    /** The smoothing mass {@code eps}. */
    public float epsilon() {
        return epsilon;
    }

    @Override
    NDArray perSample(NDArray logProbs, NDArray labels) {
        NDArray ce = trueClass(logProbs, labels).neg();
        if (epsilon == 0) {
            return ce;
        }
        NDArray uniform = logProbs.mean(new int[] {1}).neg();
        return ce.mul(Scalars.like(ce, 1 - epsilon)).add(uniform.mul(Scalars.like(uniform, epsilon)));
    }
}
