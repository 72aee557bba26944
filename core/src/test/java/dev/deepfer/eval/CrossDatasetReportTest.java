package dev.deepfer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deepfer.data.Emotion;
import org.junit.jupiter.api.Test;

class CrossDatasetReportTest {
    /*
     * Two shared classes (happy, sad), 4 images: happy->happy, happy->neutral, sad->sad, sad->sad.
     * accuracy 3/4; happy P 1 R 0.5 F1 2/3; sad P 1 R 1 F1 1; neutral (absent from CK+) is predicted
     * once but is not a shared class, so macro-F1 = (2/3 + 1) / 2 = 5/6, not the 7-class 5/9.
     */
    @Test
    void macroF1IsOverTheSharedClassesAndUnknownPredictionsAreCounted() {
        ConfusionMatrix cm = new ConfusionMatrix();
        cm.add(Emotion.HAPPY.ordinal(), Emotion.HAPPY.ordinal());
        cm.add(Emotion.HAPPY.ordinal(), Emotion.NEUTRAL.ordinal());
        cm.add(Emotion.SAD.ordinal(), Emotion.SAD.ordinal());
        cm.add(Emotion.SAD.ordinal(), Emotion.SAD.ordinal());
        int[] contempt = new int[Emotion.COUNT];
        contempt[Emotion.NEUTRAL.ordinal()] = 3;
        contempt[Emotion.HAPPY.ordinal()] = 1;
        CrossDatasetReport r = CrossDatasetReport.of("m", "ck", cm, "contempt", contempt);
        assertThat(r.shared()).containsExactly(Emotion.HAPPY, Emotion.SAD);
        assertThat(r.accuracy()).isEqualTo(0.75);
        assertThat(r.macroF1()).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(Metrics.macroF1(cm)).isCloseTo(5.0 / 9, within(1e-12));
        assertThat(r.unknownCount()).isEqualTo(4);
        assertThat(r.toJson().path("unknown_class").path("predicted_as").path("neutral").asInt()).isEqualTo(3);
        String md = CrossDatasetReport.markdown(java.util.List.of(r));
        assertThat(md).contains("| m | 75.00 | 83.33 | 50.0 | 100.0 |")
                .contains("| m | 0.0 | 0.0 | 0.0 | 25.0 | 0.0 | 0.0 | 75.0 |");
    }
}
