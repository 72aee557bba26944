package dev.deepfer.train;

import static dev.deepfer.train.LossFixture.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

class FocalLossTest {

    /*
     * Row 0: logits [2, 1, 0], label 0.
     *   log-sum-exp = 2 + log(1 + e^-1 + e^-2) = 2.40760596444
     *   CE_0 = log(1 + e^-1 + e^-2) = 0.40760596444,  p_0 = e^-CE_0 = 0.66524095578
     *   FL_0 (gamma 2) = (1 - 0.66524095578)^2 * 0.40760596444 = 0.11206387 * 0.40760596 = 0.04567779897
     * Row 1: logits [0, 0, 0], label 2.
     *   CE_1 = log 3 = 1.09861228867,  p_2 = 1/3
     *   FL_1 = (2/3)^2 * log 3 = 4/9 * 1.09861228867 = 0.48827212830
     * Batch mean: CE = 0.75310912656, FL = 0.26697496363.
     */
    static final float[][] LOGITS = {{2, 1, 0}, {0, 0, 0}};
    static final int[] LABELS = {0, 2};

    @Test
    void knownAnswerSingleRow() {
        assertThat(eval(new FocalLoss(2), new float[][] {{2, 1, 0}}, new int[] {0}))
                .isCloseTo(0.04567779897, within(1e-6));
    }

    @Test
    void knownAnswerBatchMean() {
        assertThat(eval(new FocalLoss(2), LOGITS, LABELS)).isCloseTo(0.26697496363, within(1e-6));
    }

    @Test
    void alphaScalesEachSampleByItsTrueClassWeight() {
        // alpha = [0.25, 1, 2]: (0.25 * 0.04567779897 + 2 * 0.48827212830) / 2 = 0.49398185317
        float[] alpha = {0.25f, 1, 2};
        assertThat(eval(new FocalLoss(2, alpha), LOGITS, LABELS)).isCloseTo(0.49398185317, within(1e-6));
        // a uniform alpha of 3 triples the loss
        assertThat(eval(new FocalLoss(2, new float[] {3, 3, 3}), LOGITS, LABELS))
                .isCloseTo(3 * 0.26697496363, within(1e-6));
    }

    @Test
    void gammaZeroWithoutAlphaIsCrossEntropy() {
        LossFixture.assertIsCrossEntropy(new FocalLoss(0), 7);
    }

    @Test
    void stableForHugeLogits() {
        float[][] logits = {{1000, -1000, 0}, {-1000, 1000, 0}};
        // row 0 is certain and right (loss 0), row 1 certain and wrong: CE = 2000, (1 - 0)^2 = 1
        assertThat(eval(new FocalLoss(2), logits, new int[] {0, 0})).isCloseTo(1000, within(1e-3));
    }

    @Test
    void gammaBelowOneHasAFiniteGradientOnANearCertainRightAnswer() {
        // p_y = 1 in float32, so 1 - p_y = 0 and d/dx x^0.5 = 0.5 x^-0.5 is infinite there without a floor
        float[] grad = LossFixture.finiteGradient(new FocalLoss(0.5f), new float[][] {{40, 0, 0}, {0, 0, 0}},
                new int[] {0, 2});
        assertThat(grad[0]).isCloseTo(0, within(1e-6f));
        assertThat(grad[5]).as("the uncertain row still learns").isNegative();
        // and its value is the known answer: (2/3)^0.5 log 3 / 2 for row 1, 0 for row 0
        assertThat(eval(new FocalLoss(0.5f), new float[][] {{40, 0, 0}, {0, 0, 0}}, new int[] {0, 2}))
                .isCloseTo(Math.sqrt(2.0 / 3) * Math.log(3) / 2, within(1e-6));
    }

    @Test
    void acceptsLongAndFloatLabels() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList logits = new NDList(m.create(LOGITS));
            for (DataType type : new DataType[] {DataType.INT64, DataType.FLOAT32}) {
                NDArray labels = m.create(LABELS).toType(type, false);
                assertThat(new FocalLoss(2).evaluate(new NDList(labels), logits).getFloat())
                        .as(type.toString()).isCloseTo(0.26697496f, within(1e-6f));
            }
        }
    }

    @Test
    void gradientIsFiniteAndPushesTowardsTheLabel() {
        float[] grad = LossFixture.finiteGradient(new FocalLoss(2, new float[] {1, 2, 1}), LOGITS, LABELS);
        assertThat(grad).hasSize(6);
        // d loss / d z_y < 0: raising the true logit lowers the loss
        assertThat(grad[0]).isNegative();
        assertThat(grad[5]).isNegative();
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new FocalLoss(-1)).hasMessageContaining("gamma");
        assertThatThrownBy(() -> new FocalLoss(2, new float[] {1, 0, 1})).hasMessageContaining("class weight 1");
        assertThatThrownBy(() -> eval(new FocalLoss(2, new float[] {1, 1}), LOGITS, LABELS))
                .hasMessageContaining("2 class weights but the logits have 3 classes");
        assertThatThrownBy(() -> eval(new FocalLoss(2), LOGITS, new int[] {0}))
                .hasMessageContaining("labels [N] and logits [N, C]");
    }
}
