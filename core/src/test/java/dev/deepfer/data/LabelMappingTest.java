package dev.deepfer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelMappingTest {
    @Test
    void standardAliasesMatchInAnyCase() {
        LabelMapping m = LabelMapping.standard();
        assertThat(m.emotionOf("Anger")).isEqualTo(Emotion.ANGRY);
        assertThat(m.emotionOf("DISGUSTED")).isEqualTo(Emotion.DISGUST);
        assertThat(m.emotionOf("scared")).isEqualTo(Emotion.FEAR);
        assertThat(m.emotionOf("Joy")).isEqualTo(Emotion.HAPPY);
        assertThat(m.emotionOf("sadness")).isEqualTo(Emotion.SAD);
        assertThat(m.emotionOf("surprised")).isEqualTo(Emotion.SURPRISE);
        assertThat(m.emotionOf("calm")).isEqualTo(Emotion.NEUTRAL);
        assertThat(m.find("contempt")).isEmpty();
        for (Emotion e : Emotion.values()) {
            assertThat(m.emotionOf(e.label())).isEqualTo(e);
        }
    }

    @Test
    void unknownNameListsAcceptedNames() {
        assertThatThrownBy(() -> LabelMapping.standard().emotionOf("contempt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown class name 'contempt'; accepted: anger, angry, calm, disgust, disgusted, fear, "
                        + "fearful, happiness, happy, joy, neutral, sad, sadness, scared, surprise, surprised");
    }

    @Test
    void aNameMayNotMeanTwoEmotions() {
        assertThatThrownBy(() -> new LabelMapping(Map.of("Happy", Emotion.HAPPY, "happy", Emotion.SAD)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maps to both");
    }
}
