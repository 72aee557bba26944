package dev.deepfer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deepfer.eval.corrupt.Corruption;
import dev.deepfer.eval.corrupt.CorruptionAugmentation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigOverridesTest {
    private static final float[] WEIGHTS = {1f, 2f, 1f, 1f, 1f, 1f, 0.5f};
    private static final LossConfig WEIGHTED_CE = LossConfig.crossEntropy().withClassWeights(WEIGHTS);
    private static final LossConfig MIX = LossConfig.focalPlusSmoothing(1.5f, 0.05f).withClassWeights(WEIGHTS);

    @Test
    void lossKeepsTheBaseUnlessAPartIsGiven() {
        assertThat(ConfigOverrides.loss(MIX, null, null, null)).isEqualTo(MIX);
        assertThat(ConfigOverrides.loss(MIX, "focal+smoothing", null, null)).as("already that kind").isEqualTo(MIX);
        assertThat(ConfigOverrides.loss(WEIGHTED_CE, "ce", null, null)).isEqualTo(WEIGHTED_CE);
    }

    @Test
    void lossKindSwitchesKeepingClassWeights() {
        assertThat(ConfigOverrides.loss(WEIGHTED_CE, "focal+smoothing", null, null))
                .isEqualTo(LossConfig.focalPlusSmoothing().withClassWeights(WEIGHTS));
        assertThat(ConfigOverrides.loss(MIX, "CE", null, null)).isEqualTo(WEIGHTED_CE);
    }

    @Test
    void gammaOrSmoothingChangeOnlyTheirPart() {
        assertThat(ConfigOverrides.loss(MIX, null, 3f, null))
                .isEqualTo(LossConfig.focalPlusSmoothing(3f, 0.05f).withClassWeights(WEIGHTS));
        assertThat(ConfigOverrides.loss(MIX, null, null, 0.2f))
                .isEqualTo(LossConfig.focalPlusSmoothing(1.5f, 0.2f).withClassWeights(WEIGHTS));
        assertThat(ConfigOverrides.loss(WEIGHTED_CE, null, null, 0.2f)).as("cross-entropy becomes the reference mix")
                .isEqualTo(LossConfig.focalPlusSmoothing(2f, 0.2f).withClassWeights(WEIGHTS));
        assertThatThrownBy(() -> ConfigOverrides.loss(MIX, "ce", 2f, null)).hasMessageContaining("not --loss ce");
        assertThatThrownBy(() -> ConfigOverrides.loss(MIX, "mse", null, null)).hasMessageContaining("unknown --loss");
    }

    @Test
    void corruptionPartsReplaceTheBasesOneByOne() {
        CorruptionAugmentation base = new CorruptionAugmentation(0.25, 3, List.of(Corruption.JPEG, Corruption.LOW_LIGHT));
        assertThat(ConfigOverrides.corruption(base, null, null, null)).isSameAs(base);
        assertThat(ConfigOverrides.corruption(base, 0.5, null, null))
                .isEqualTo(new CorruptionAugmentation(0.5, 3, List.of(Corruption.JPEG, Corruption.LOW_LIGHT)));
        assertThat(ConfigOverrides.corruption(base, null, 4, null))
                .isEqualTo(new CorruptionAugmentation(0.25, 4, List.of(Corruption.JPEG, Corruption.LOW_LIGHT)));
        assertThat(ConfigOverrides.corruption(base, null, null, List.of(Corruption.JPEG)))
                .isEqualTo(new CorruptionAugmentation(0.25, 3, List.of(Corruption.JPEG)));
        assertThat(ConfigOverrides.corruption(base, 0.0, null, null)).as("0 turns it off").isNull();
        assertThatThrownBy(() -> ConfigOverrides.corruption(base, 0.0, 2, null)).hasMessageContaining("off");
    }

    @Test
    void corruptionWithoutABaseNeedsAProbabilityAndDefaultsTheRest() {
        assertThat(ConfigOverrides.corruption(null, null, null, null)).isNull();
        assertThat(ConfigOverrides.corruption(null, 0.3, null, null))
                .isEqualTo(new CorruptionAugmentation(0.3, 3, List.of(Corruption.values())));
        assertThatThrownBy(() -> ConfigOverrides.corruption(null, null, 4, null))
                .hasMessageContaining("need --corruption-augment");
    }

    @Test
    void distillationFromTheBaseOrTheOptions() {
        Path here = Path.of("teachers", "v7");
        String abs = here.toAbsolutePath().normalize().toString();
        Distillation base = new Distillation(abs, 0.7f, 3f);
        assertThat(ConfigOverrides.distillation(base, null, null, null, false, p -> true)).isEqualTo(base);
        assertThat(ConfigOverrides.distillation(base, null, 0.9f, null, false, p -> true))
                .isEqualTo(new Distillation(abs, 0.9f, 3f));
        Path other = Path.of("teachers", "v8");
        assertThat(ConfigOverrides.distillation(base, other, null, null, false, p -> true))
                .isEqualTo(new Distillation(other.toAbsolutePath().normalize().toString(), 0.7f, 3f));
        assertThat(ConfigOverrides.distillation(null, other, null, null, false, p -> true))
                .isEqualTo(new Distillation(other.toAbsolutePath().normalize().toString(), 0.5f, 2f));
        assertThat(ConfigOverrides.distillation(base, null, null, null, true, p -> true)).isNull();
        assertThat(ConfigOverrides.distillation(null, null, null, null, false, p -> true)).isNull();
    }

    @Test
    void distillationRefusals() {
        Distillation base = new Distillation("/gone/v6", 0.7f, 2f);
        assertThatThrownBy(() -> ConfigOverrides.distillation(base, null, null, null, false, p -> false))
                .hasMessageContaining("recipe distils from /gone/v6").hasMessageContaining("--no-teacher");
        assertThatThrownBy(() -> ConfigOverrides.distillation(null, Path.of("x"), null, null, false, p -> false))
                .hasMessageContaining("--teacher x is not a model bundle");
        assertThatThrownBy(() -> ConfigOverrides.distillation(null, null, 0.5f, null, false, p -> true))
                .hasMessageContaining("need --teacher");
        assertThatThrownBy(() -> ConfigOverrides.distillation(base, Path.of("x"), null, null, true, p -> true))
                .hasMessageContaining("--no-teacher cannot go with");
    }
}
