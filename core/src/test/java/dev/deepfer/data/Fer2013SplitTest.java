package dev.deepfer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Fer2013SplitTest {
    @Test
    void parsesCsvAndEnumNamesInAnyCase() {
        assertThat(Fer2013Split.parse("PublicTest")).isEqualTo(Fer2013Split.PUBLIC_TEST);
        assertThat(Fer2013Split.parse(" privatetest ")).isEqualTo(Fer2013Split.PRIVATE_TEST);
        assertThat(Fer2013Split.parse("public_test")).isEqualTo(Fer2013Split.PUBLIC_TEST);
        assertThat(Fer2013Split.parse("TRAINING")).isEqualTo(Fer2013Split.TRAINING);
        assertThat(Fer2013Split.PRIVATE_TEST.csvName()).isEqualTo("PrivateTest");
    }

    @Test
    void unknownNameListsTheValidOnes() {
        assertThatThrownBy(() -> Fer2013Split.parse("validation"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown FER2013 split 'validation'; valid: Training, PublicTest, PrivateTest");
    }
}
