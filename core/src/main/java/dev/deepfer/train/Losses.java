package dev.deepfer.train;

import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.List;

/** Builds training losses from a {@link LossConfig} and derives class weights from label counts. */
public final class Losses {

    private Losses() {}

    /**
     * The loss a configuration describes: a single term is returned as itself when its weight is
     * 1, otherwise the terms are wrapped in a {@link CombinedLoss}.
     */
    public static Loss create(LossConfig config) {
        float[] weights = config.classWeights();
        List<CombinedLoss.Term> terms = new ArrayList<>(2);
        if (config.focalWeight() > 0) {
            terms.add(new CombinedLoss.Term(
                    new FocalLoss(config.focalGamma(), weights), config.focalWeight()));
        }
        if (config.smoothingWeight() > 0) {
            terms.add(new CombinedLoss.Term(
                    new LabelSmoothingCrossEntropy(config.smoothing(), weights),
                    config.smoothingWeight()));
        }
        if (terms.size() == 1 && terms.get(0).weight() == 1) {
            return terms.get(0).loss();
        }
        return new CombinedLoss(terms);
    }

    /**
     * Inverse-frequency class weights normalised to mean 1 over the classes:
     *
     * <pre>
     *   w_c = (1 / n_c) / ( (1/C) * sum_k 1 / n_k )
     * </pre>
     *
     * so a balanced data set gets all 1s and the loss stays on the unweighted scale. FER2013's
     * training split (disgust 436 vs happy 7,215) gives disgust about 16.5 times happy's weight.
     *
     * @param classCounts training examples per class; every count must be positive (a class with no
     *     examples has no meaningful weight, so it is rejected rather than silently given one)
     */
    public static float[] inverseFrequencyWeights(int[] classCounts) {
        if (classCounts.length == 0) {
            throw new IllegalArgumentException("class counts must not be empty");
        }
        double[] inverse = new double[classCounts.length];
        double sum = 0;
        for (int c = 0; c < classCounts.length; c++) {
            if (classCounts[c] <= 0) {
                throw new IllegalArgumentException(
                        "class " + c + " has count " + classCounts[c] + "; every class needs examples");
            }
            inverse[c] = 1.0 / classCounts[c];
            sum += inverse[c];
        }
        float[] weights = new float[classCounts.length];
        for (int c = 0; c < weights.length; c++) {
            weights[c] = (float) (inverse[c] * classCounts.length / sum);
        }
        return weights;
    }
}
