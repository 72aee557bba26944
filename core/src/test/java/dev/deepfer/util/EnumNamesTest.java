package dev.deepfer.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deepfer.data.Fer2013Split;
import dev.deepfer.infer.WeightPrecision;
import org.junit.jupiter.api.Test;

class EnumNamesTest {

    @Test
    void matchesTheDisplayNameOrTheConstantNameIgnoringCaseAndSpace() {
        assertThat(WeightPrecision.of(" Float16 ")).isEqualTo(WeightPrecision.FLOAT16);
        assertThat(WeightPrecision.of("INT8")).isEqualTo(WeightPrecision.INT8);
        assertThat(Fer2013Split.parse("public-test")).as("constant name, '-' for '_'").isEqualTo(Fer2013Split.PUBLIC_TEST);
        assertThat(Fer2013Split.parse("privatetest")).as("display name").isEqualTo(Fer2013Split.PRIVATE_TEST);
    }

    @Test
    void unknownNameIsQuotedAndTheValidOnesListed() {
        assertThatThrownBy(() -> WeightPrecision.of("int4")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown weight precision 'int4'; valid: float32, float16, int8");
    }
}
