package dev.deepfer.train;

import static dev.deepfer.train.LossFixture.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LabelSmoothingLossTest {

    /*
     * eps = 0.1, C = 3, so q = 0.9 * onehot + 0.0333...
     * Row 0: logits [2, 1, 0], label 0. log p = [-0.40760596, -1.40760596, -2.40760596]
     *   -mean_c log p = 1.40760596444 (the logits average 1, log-sum-exp is 2.40760596)
     *   loss_0 = 0.9 * 0.40760596444 + 0.1 * 1.40760596444 = 0.50760596444
     * Row 1: logits [0, 0, 0], label 2. Every log p = -log 3, so loss_1 = log 3 = 1.09861228867
     * Batch mean: 0.80310912656.
     */
    @Test
    void knownAnswer() {
        LabelSmoothingCrossEntropy loss = new LabelSmoothingCrossEntropy(0.1f);
        assertThat(eval(loss, new float[][] {{2, 1, 0}}, new int[] {0})).isCloseTo(0.50760596444, within(1e-6));
        assertThat(eval(loss, FocalLossTest.LOGITS, FocalLossTest.LABELS)).isCloseTo(0.80310912656, within(1e-6));
    }

    @Test
    void classWeightsScaleByTrueClass() {
        // weights [0.25, 1, 2]: (0.25 * 0.50760596444 + 2 * 1.09861228867) / 2 = 1.16206303422
        LabelSmoothingCrossEntropy loss = new LabelSmoothingCrossEntropy(0.1f, new float[] {0.25f, 1, 2});
        assertThat(eval(loss, FocalLossTest.LOGITS, FocalLossTest.LABELS)).isCloseTo(1.16206303422, within(1e-6));
    }

    @Test
    void epsilonZeroIsCrossEntropy() {
        LossFixture.assertIsCrossEntropy(new LabelSmoothingCrossEntropy(0), 11);
    }

    @Test
    void smoothingPenalisesOverConfidence() {
        // a confident correct prediction costs more with smoothing than without
        float[][] logits = {{10, 0, 0}};
        int[] labels = {0};
        assertThat(eval(new LabelSmoothingCrossEntropy(0.1f), logits, labels))
                .isGreaterThan(eval(new LabelSmoothingCrossEntropy(0), logits, labels) + 0.5);
    }

    @Test
    void gradientIsFinite() {
        float[] grad = LossFixture.finiteGradient(new LabelSmoothingCrossEntropy(0.1f), FocalLossTest.LOGITS, FocalLossTest.LABELS);
        // d/dz of row 1 (uniform p, label 2): (p - q) / N = ([1/3, 1/3, 1/3] - [1/30, 1/30, 28/30]) / 2
        assertThat(grad[3]).isCloseTo(0.15f, within(1e-6f));
        assertThat(grad[5]).isCloseTo(-0.3f, within(1e-6f));
    }

    @Test
    void rejectsEpsilonOutsideUnitInterval() {
        assertThatThrownBy(() -> new LabelSmoothingCrossEntropy(1)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> new LabelSmoothingCrossEntropy(-0.1f)).hasMessageContaining("[0, 1)");
    }
}
