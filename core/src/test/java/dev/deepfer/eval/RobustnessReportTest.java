package dev.deepfer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.deepfer.eval.corrupt.Corruption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ImageNet-C summary numbers on a hand-computed two-model, two-family example. */
class RobustnessReportTest {
    /*
     * base: clean 0.60; jpeg 0.5 each severity (E = 0.5, sum 2.5); noise 0.4 (E 0.6, sum 3.0)
     * new:  clean 0.70; jpeg 0.6 each (E 0.4, sum 2.0);            noise 0.5 (E 0.5, sum 2.5)
     * mCA(new) = (0.6 + 0.5) / 2 = 0.55; relative drop = (0.70 - 0.55) / 0.70 = 0.2142857
     * CE(new, jpeg) = 2.0 / 2.5 = 0.8; CE(new, noise) = 2.5 / 3.0 = 0.8333; mCE = 0.8166667
     * relative: jpeg (5*0.4 - 5*0.3) / (5*0.5 - 5*0.4) = 0.5 / 0.5 = 1.0;
     *           noise (5*0.5 - 5*0.3) / (5*0.6 - 5*0.4) = 1.0 / 1.0 = 1.0 -> relative mCE 1.0
     */
    static RobustnessReport example() {
        return new RobustnessReport("test", 100, 7, "base", List.of(
                new RobustnessReport.ModelAccuracy("base", 0.6, Map.of(
                        Corruption.JPEG, new double[] {0.5, 0.5, 0.5, 0.5, 0.5},
                        Corruption.GAUSSIAN_NOISE, new double[] {0.4, 0.4, 0.4, 0.4, 0.4})),
                new RobustnessReport.ModelAccuracy("new", 0.7, Map.of(
                        Corruption.JPEG, new double[] {0.6, 0.6, 0.6, 0.6, 0.6},
                        Corruption.GAUSSIAN_NOISE, new double[] {0.7, 0.6, 0.5, 0.4, 0.3}))));
    }

    @Test
    void summaryNumbersMatchTheHandComputation() {
        RobustnessReport r = example();
        RobustnessReport.ModelAccuracy m = r.model("new");
        assertThat(m.familyMean(Corruption.GAUSSIAN_NOISE)).isCloseTo(0.5, within(1e-12));
        assertThat(m.meanCorruptionAccuracy()).isCloseTo(0.55, within(1e-12));
        assertThat(m.relativeDrop()).isCloseTo(0.15 / 0.7, within(1e-12));
        assertThat(r.corruptionError("new", Corruption.JPEG)).isCloseTo(0.8, within(1e-12));
        assertThat(r.meanCorruptionError("new")).isCloseTo((0.8 + 2.5 / 3.0) / 2, within(1e-12));
        assertThat(r.relativeMeanCorruptionError("new")).isCloseTo(1.0, within(1e-12));
        assertThat(r.meanCorruptionError("base")).isEqualTo(1.0);
        assertThat(r.corruptions()).containsExactly(Corruption.GAUSSIAN_NOISE, Corruption.JPEG);
    }

    @Test
    void aFamilyThatDoesNotHurtTheBaselineHasNoRatioAndIsLeftOutOfTheMeans() {
        // jpeg leaves the baseline at its clean 0.6: no error growth to divide by; noise is as in example()
        RobustnessReport.ModelAccuracy base = new RobustnessReport.ModelAccuracy("base", 0.6, Map.of(
                Corruption.JPEG, new double[] {0.6, 0.6, 0.6, 0.6, 0.6},
                Corruption.GAUSSIAN_NOISE, new double[] {0.4, 0.4, 0.4, 0.4, 0.4}));
        RobustnessReport r = new RobustnessReport("test", 100, 7, "base", List.of(base, example().model("new")));

        assertThat(r.relativeMeanCorruptionError("new")).as("noise alone: 1.0").isCloseTo(1.0, within(1e-12));
        assertThat(r.meanCorruptionError("new")).as("jpeg 2.0 / 2.0, noise 2.5 / 3.0")
                .isCloseTo((1.0 + 2.5 / 3.0) / 2, within(1e-12));

        RobustnessReport.ModelAccuracy unhurt = new RobustnessReport.ModelAccuracy("base", 0.6,
                Map.of(Corruption.JPEG, new double[] {0.6, 0.6, 0.6, 0.6, 0.6}));
        RobustnessReport.ModelAccuracy other = new RobustnessReport.ModelAccuracy("new", 0.7,
                Map.of(Corruption.JPEG, new double[] {0.6, 0.6, 0.6, 0.6, 0.6}));
        RobustnessReport none = new RobustnessReport("test", 100, 7, "base", List.of(unhurt, other));
        assertThat(none.relativeMeanCorruptionError("new")).isNaN();
        assertThat(none.toMarkdown()).contains("| new | 70.00 | 60.00 | 14.3% | 100.0 | n/a |");
        assertThat(none.toJson().path("models").get(1).path("relative_mce").isNull()).isTrue();
    }

    @Test
    void tablesAndJsonCarryEveryNumber() {
        RobustnessReport r = example();
        assertThat(r.toMarkdown()).contains("| new | 70.00 | 55.00 | 21.4% | 81.7 | 100.0 |")
                .contains("| gaussian-noise | 70.00 | 60.00 | 50.00 | 40.00 | 30.00 | 50.00 |")
                .contains("| jpeg | 50.00 | **60.00** |");
        var json = r.toJson();
        assertThat(json.path("baseline").asText()).isEqualTo("base");
        assertThat(json.path("models").get(1).path("corruptions").path("gaussian-noise")
                .path("accuracy_by_severity").get(4).asDouble()).isEqualTo(0.3);
        assertThat(json.path("models").get(1).path("mce").asDouble()).isCloseTo(0.8166667, within(1e-6));
    }

    @Test
    void jsonRoundTripKeepsEveryAccuracyAndRecomputesTheSummary() throws Exception {
        RobustnessReport r = example();
        RobustnessReport back = RobustnessReport.fromJson(r.toJson().toString());
        assertThat(back.toJson()).isEqualTo(r.toJson());
        assertThat(back.meanCorruptionError("new")).isCloseTo((0.8 + 2.5 / 3.0) / 2, within(1e-12));
        assertThat(back.model("new").accuracy(Corruption.GAUSSIAN_NOISE, 5)).isEqualTo(0.3);
    }

    @Test
    void jsonWithoutAFieldOrWithAnUnknownFamilyIsRefused() {
        String json = example().toJson().toString();
        assertThatThrownBy(() -> RobustnessReport.fromJson(json.replace("\"clean_accuracy\"", "\"clean\"")))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("base has no 'clean_accuracy'");
        assertThatThrownBy(() -> RobustnessReport.fromJson(json.replace("\"jpeg\"", "\"fog\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fog");
    }

    @Test
    void inconsistentInputsAreRefused() {
        RobustnessReport.ModelAccuracy a = example().model("base");
        assertThatThrownBy(() -> new RobustnessReport("t", 1, 1, "other", List.of(a)))
                .hasMessageContaining("baseline 'other'").hasMessageContaining("base");
        assertThatThrownBy(() -> new RobustnessReport.ModelAccuracy("x", 0.5, Map.of(Corruption.JPEG, new double[3])))
                .hasMessageContaining("3 severities");
        RobustnessReport.ModelAccuracy onlyJpeg = new RobustnessReport.ModelAccuracy("j", 0.5,
                Map.of(Corruption.JPEG, new double[5]));
        assertThatThrownBy(() -> new RobustnessReport("t", 1, 1, "base", List.of(a, onlyJpeg)))
                .hasMessageContaining("other corruptions");
    }
}
