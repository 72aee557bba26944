package dev.deepfer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NormalizationTest {
    @Test
    void computesPopulationMeanAndStd() {
        byte[] pixels = {0, 0, (byte) 255, (byte) 255, 0, (byte) 255, 0, (byte) 255};
        Normalization n = Normalization.of(new FaceDataset("bw", 2, pixels, new byte[] {0, 1}));
        assertThat(n.mean()).isCloseTo(0.5f, within(1e-7f));
        assertThat(n.std()).isCloseTo(0.5f, within(1e-7f));
        assertThat(n.apply(1f)).isEqualTo(1f);
        float[] values = {9f, 0f, 1f, 9f};
        n.applyInPlace(values, 1, 2);
        assertThat(values).containsExactly(9f, -1f, 1f, 9f);
    }

    @Test
    void rejectsZeroStd() {
        assertThatThrownBy(() -> new Normalization(0.5f, 0f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive std");
    }
}
