package dev.deepfer.train;

import dev.deepfer.model.Architecture;
import dev.deepfer.model.NetworkOptions;
import dev.deepfer.model.Stem;
import dev.deepfer.nn.CbamPlacement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GradientCheckTest {
    private static final NetworkOptions MS = NetworkOptions.faces(CbamPlacement.BLOCK, Stem.IMAGENET);

    @Test
    void identicalPassesGiveTheSameFiniteNormAndTheLargestGradientsComeFirst() {
        GradientCheck.Result r = GradientCheck.run(Architecture.MULTISCALE_CNN_CBAM, MS, 4, 44, 3, 4, 7);
        assertThat(r.norms()).hasSize(3);
        assertThat(r.first()).isPositive().isFinite();
        assertThat(r.differing()).isZero();
        assertThat(r.nonFinite()).isZero();
        assertThat(r.faults()).isEmpty();
        assertThat(r.largest()).hasSize(4);
        for (int i = 1; i < r.largest().size(); i++) {
            assertThat(r.largest().get(i).norm()).isLessThanOrEqualTo(r.largest().get(i - 1).norm());
        }
        // the largest single gradient cannot exceed the global norm
        assertThat(r.largest().get(0).norm()).isLessThanOrEqualTo(r.first() * 1.0001f);
    }

    @Test
    void theSeedDeterminesTheBatch() {
        float a = GradientCheck.run(Architecture.MULTISCALE_CNN_CBAM, MS, 4, 44, 1, 0, 7).first();
        float b = GradientCheck.run(Architecture.MULTISCALE_CNN_CBAM, MS, 4, 44, 1, 0, 7).first();
        float c = GradientCheck.run(Architecture.MULTISCALE_CNN_CBAM, MS, 4, 44, 1, 0, 8).first();
        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> GradientCheck.run(Architecture.MULTISCALE_CNN_CBAM, MS, 1, 44, 1, 0, 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch >= 2");
        assertThatThrownBy(() -> GradientCheck.run(Architecture.MULTISCALE_CNN_CBAM, MS, 4, 44, 0, 0, 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeats");
    }
}
