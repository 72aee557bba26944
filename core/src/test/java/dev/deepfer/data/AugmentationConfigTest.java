package dev.deepfer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deepfer.data.AugmentationConfig.Border;
import org.junit.jupiter.api.Test;

class AugmentationConfigTest {
    @Test
    void presetsAreValidAndOrdered() {
        assertThat(AugmentationConfig.none().outputSize()).isEqualTo(48);
        assertThat(AugmentationConfig.standard().outputSize()).isEqualTo(44);
        assertThat(AugmentationConfig.strong().maxRotationDegrees())
                .isGreaterThan(AugmentationConfig.standard().maxRotationDegrees());
        assertThat(AugmentationConfig.strong().erasingProbability()).isPositive();
        assertThat(AugmentationConfig.standard().withOutputSize(40))
                .isEqualTo(new AugmentationConfig(40, 0, Border.REFLECT, 0.5, 10, 0.9, 1.1, 0, 0.2, 0.2, 0, 0, 0));
    }

    @Test
    void invalidValuesAreNamed() {
        assertThatThrownBy(() -> new AugmentationConfig(0, 0, Border.ZERO, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0))
                .hasMessage("outputSize must be positive, got 0");
        assertThatThrownBy(() -> new AugmentationConfig(44, 0, Border.ZERO, 1.5, 0, 1, 1, 0, 0, 0, 0, 0, 0))
                .hasMessage("hflipProbability must be in [0.0, 1.0], got 1.5");
        assertThatThrownBy(() -> new AugmentationConfig(44, 0, Border.ZERO, 0, 0, 1.1, 0.9, 0, 0, 0, 0, 0, 0))
                .hasMessage("maxScale must be in [1.1, 10.0], got 0.9");
        assertThatThrownBy(() -> new AugmentationConfig(44, -1, Border.ZERO, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0))
                .hasMessage("padding must be >= 0, got -1");
        assertThatThrownBy(() -> new AugmentationConfig(44, 0, Border.ZERO, 0, 0, 1, 1, 0, 0, 0, 0.5, 0.3, 0.2))
                .hasMessage("erasingMaxArea must be in [0.3, 1.0], got 0.2");
        assertThatThrownBy(() -> new AugmentationConfig(44, 0, Border.ZERO, 0, 0, 1, 1, 0, Double.NaN, 0, 0, 0, 0))
                .hasMessage("brightness must be in [0.0, 1.0], got NaN");
    }
}
