package dev.deepfer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The arg-max every prediction goes through: largest value, first of equal ones, NaN refused. */
class DatasetScorerArgmaxTest {
    @Test
    void picksTheLargestAndTheFirstOfEqualOnes() {
        assertThat(DatasetScorer.argmax(new float[] {0.1f, 0.7f, 0.2f})).isEqualTo(1);
        assertThat(DatasetScorer.argmax(new double[] {0.4, 0.2, 0.4})).isZero();
        assertThat(DatasetScorer.argmax(new float[] {-3f, Float.NEGATIVE_INFINITY, -1f})).isEqualTo(2);
        assertThat(DatasetScorer.argmax(new double[] {1, Double.POSITIVE_INFINITY, 2})).isEqualTo(1);
    }

    /** A NaN anywhere, first place included, would otherwise pass as a confident "angry" or go unseen. */
    @Test
    void aNaNIsRefusedWhereverItIs() {
        assertThatThrownBy(() -> DatasetScorer.argmax(new float[] {Float.NaN, 0.2f, 0.8f}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("NaN (at class 0 of 3)");
        assertThatThrownBy(() -> DatasetScorer.argmax(new double[] {0.2, 0.8, Double.NaN}))
                .hasMessageContaining("NaN (at class 2 of 3)");
    }
}
