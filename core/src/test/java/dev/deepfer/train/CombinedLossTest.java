package dev.deepfer.train;

import static dev.deepfer.train.FocalLossTest.LABELS;
import static dev.deepfer.train.FocalLossTest.LOGITS;
import static dev.deepfer.train.LossFixture.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.training.loss.Loss;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CombinedLoss}, {@link LossConfig} and the {@link Losses} factory. */
class CombinedLossTest {

    @Test
    void weightedSumOfKnownAnswers() {
        // 0.5 * focal 0.26697496363 + 0.5 * smoothing 0.80310912656 = 0.53504204510
        Loss loss = new CombinedLoss(new FocalLoss(2), 0.5f, new LabelSmoothingCrossEntropy(0.1f), 0.5f);
        assertThat(eval(loss, LOGITS, LABELS)).isCloseTo(0.53504204510, within(1e-6));
        assertThat(eval(new CombinedLoss(List.of(new CombinedLoss.Term(new FocalLoss(2), 3))), LOGITS, LABELS))
                .isCloseTo(3 * 0.26697496363, within(1e-6));
    }

    @Test
    void factoryBuildsTheReferenceRecipe() {
        Loss loss = Losses.create(LossConfig.focalPlusSmoothing());
        assertThat(loss).isInstanceOf(CombinedLoss.class);
        assertThat(((CombinedLoss) loss).terms()).extracting(t -> t.loss().getClass().getSimpleName())
                .containsExactly("FocalLoss", "LabelSmoothingCrossEntropy");
        assertThat(eval(loss, LOGITS, LABELS)).isCloseTo(0.53504204510, within(1e-6));
        assertThat(LossFixture.finiteGradient(loss, LOGITS, LABELS)).hasSize(6);
    }

    @Test
    void crossEntropyConfigIsASingleUnwrappedLoss() {
        Loss loss = Losses.create(LossConfig.crossEntropy());
        assertThat(loss).isInstanceOf(LabelSmoothingCrossEntropy.class);
        assertThat(eval(loss, LOGITS, LABELS)).isCloseTo(0.75310912656, within(1e-6));
    }

    @Test
    void classWeightsReachBothTerms() {
        float[] w = {0.25f, 1, 2};
        Loss loss = Losses.create(LossConfig.focalPlusSmoothing(2, 0.1f).withClassWeights(w));
        // 0.5 * 0.49398185317 + 0.5 * 1.16206303422 (see the focal and smoothing tests)
        assertThat(eval(loss, LOGITS, LABELS)).isCloseTo(0.82802244370, within(1e-6));
    }

    @Test
    void inverseFrequencyWeightsHaveMeanOne() {
        // 1/n = [1/100, 1/300, 1/600] = [6, 2, 1] / 600, mean 3/600, so w = [2, 2/3, 1/3]
        assertThat(Losses.inverseFrequencyWeights(new int[] {100, 300, 600}))
                .containsExactly(new float[] {2f, 2f / 3, 1f / 3}, within(1e-6f));
        assertThat(Losses.inverseFrequencyWeights(new int[] {5, 5})).containsExactly(1f, 1f);
        assertThatThrownBy(() -> Losses.inverseFrequencyWeights(new int[] {5, 0}))
                .hasMessageContaining("class 1 has count 0");
    }

    @Test
    void configValidatesAndCopiesArrays() {
        assertThatThrownBy(() -> new LossConfig(-1, 1, 0, 0, null)).hasMessageContaining("focalGamma");
        assertThatThrownBy(() -> new LossConfig(2, 0, 0.1f, 0, null)).hasMessageContaining("no loss");
        assertThatThrownBy(() -> new LossConfig(2, 1, 1, 0, null)).hasMessageContaining("smoothing");
        assertThatThrownBy(() -> new LossConfig(2, Float.NaN, 0, 1, null)).hasMessageContaining("focalWeight");
        float[] w = {1, 2};
        LossConfig config = LossConfig.crossEntropy().withClassWeights(w);
        w[0] = 9;
        config.classWeights()[1] = 9;
        assertThat(config.classWeights()).containsExactly(1, 2);
        assertThat(config).isEqualTo(LossConfig.crossEntropy().withClassWeights(new float[] {1, 2}));
        assertThat(config.toString()).contains("[1.0, 2.0]");
    }

    @Test
    void combinedLossRejectsEmptyAndBadWeights() {
        assertThatThrownBy(() -> new CombinedLoss(List.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new CombinedLoss.Term(new FocalLoss(2), 0)).hasMessageContaining("positive");
    }
}
