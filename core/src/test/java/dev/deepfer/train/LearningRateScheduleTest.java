package dev.deepfer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Known values of every schedule at the points its definition names. */
class LearningRateScheduleTest {
    private static final double PEAK = 0.1;
    private static final long TOTAL = 100;

    private static void assertLr(LearningRateSchedule s, long step, double expected) {
        assertThat((double) s.at(step)).as("step %d", step).isCloseTo(expected, within(1e-6 * PEAK));
    }

    @Test
    void oneCycleRisesFromAQuarterPercentToThePeakAndFallsToTenThousandthOfIt() {
        LearningRateSchedule s = new LearningRateSchedule(ScheduleKind.ONE_CYCLE, PEAK, TOTAL, 30);
        assertLr(s, 0, PEAK / 25);
        assertLr(s, 15, (PEAK / 25 + PEAK) / 2);
        assertLr(s, 30, PEAK);
        assertLr(s, TOTAL - 1, PEAK / 1e4);
        assertLr(s, TOTAL + 50, PEAK / 1e4);
        for (long t = 1; t < TOTAL; t++) {
            if (t <= 30) {
                assertThat(s.at(t)).as("rising at %d", t).isGreaterThan(s.at(t - 1));
            } else {
                assertThat(s.at(t)).as("falling at %d", t).isLessThan(s.at(t - 1));
            }
        }
    }

    @Test
    void cosineWarmsUpLinearlyThenHalvesAtTheMiddleOfTheDecay() {
        LearningRateSchedule s = new LearningRateSchedule(ScheduleKind.COSINE, PEAK, TOTAL, 10);
        assertLr(s, 0, PEAK / 10);
        assertLr(s, 4, PEAK / 2);
        assertLr(s, 9, PEAK);
        assertLr(s, 10, PEAK);
        assertLr(s, 10 + 45, PEAK / 2);
        assertLr(s, 10 + 45 + 30, PEAK * 0.5 * (1 + Math.cos(Math.PI * 75 / 90)));
        assertThat(s.at(TOTAL - 1)).isLessThan((float) (PEAK * 1e-3));
    }

    @ParameterizedTest(name = "step {0}: {1} x peak")
    @CsvSource({"0, 1", "49, 1", "50, 0.1", "74, 0.1", "75, 0.01", "99, 0.01", "500, 0.01"})
    void stepDividesByTenAtHalfAndThreeQuarters(long step, double factor) {
        assertLr(new LearningRateSchedule(ScheduleKind.STEP, PEAK, TOTAL, 0), step, factor * PEAK);
    }

    @Test
    void stepWarmsUpFirst() {
        LearningRateSchedule s = new LearningRateSchedule(ScheduleKind.STEP, PEAK, TOTAL, 4);
        assertLr(s, 0, PEAK / 4);
        assertLr(s, 3, PEAK);
        assertLr(s, 60, PEAK / 10);
    }

    @Test
    void constantIsThePeakEverywhere() {
        LearningRateSchedule s = new LearningRateSchedule(ScheduleKind.CONSTANT, PEAK, TOTAL, 10);
        for (long t : new long[] {0, 5, 50, 99, 1000}) {
            assertLr(s, t, PEAK);
        }
    }

    @Test
    void plateauHalvesAfterThreeEpochsWithoutImprovement() {
        LearningRateSchedule s = new LearningRateSchedule(ScheduleKind.PLATEAU, PEAK, TOTAL, 0);
        s.onEpochEnd(0.50, 1);
        s.onEpochEnd(0.50, 1);
        s.onEpochEnd(0.40, 1);
        assertLr(s, 20, PEAK);
        s.onEpochEnd(0.45, 1);
        assertLr(s, 20, PEAK / 2);
        s.onEpochEnd(0.60, 1);
        s.onEpochEnd(0.55, 1);
        s.onEpochEnd(0.55, 1);
        assertLr(s, 20, PEAK / 2);
        s.onEpochEnd(0.59, 1);
        assertLr(s, 20, PEAK / 4);
    }

    @Test
    void plateauIgnoresEpochsThatEndWithinTheWarmUp() {
        LearningRateSchedule s = new LearningRateSchedule(ScheduleKind.PLATEAU, PEAK, TOTAL, 30);
        double[] metrics = {0.50, 0.40, 0.40, 0.45, 0.44, 0.44, 0.44}; // epochs of 10 steps
        for (int e = 0; e < metrics.length; e++) {
            s.onEpochEnd(metrics[e], 10L * (e + 1));
            if (e == 2) { // warming up until step 30: no plateau, no best yet
                assertThat(s.plateauState()).containsExactly(1.0, Double.NEGATIVE_INFINITY, 0.0);
            }
        }
        // best 0.45 at step 40, then three epochs without improvement: halved once
        assertLr(s, 70, PEAK / 2);
        assertThat(s.plateauState()).containsExactly(0.5, 0.45, 0.0);
    }

    @Test
    void plateauStateRoundTrips() {
        LearningRateSchedule s = new LearningRateSchedule(ScheduleKind.PLATEAU, PEAK, TOTAL, 0);
        for (double metric : new double[] {0.5, 0.4, 0.4, 0.4, 0.4, 0.4}) {
            s.onEpochEnd(metric, 1);
        }
        double[] state = s.plateauState();
        assertThat(state).containsExactly(0.5, 0.5, 2.0);

        LearningRateSchedule resumed = new LearningRateSchedule(ScheduleKind.PLATEAU, PEAK, TOTAL, 0);
        resumed.restorePlateauState(state);
        assertThat(resumed.at(40)).isEqualTo(s.at(40));
        s.onEpochEnd(0.45, 1);
        resumed.onEpochEnd(0.45, 1);
        assertLr(resumed, 40, PEAK / 4);
        assertThat(resumed.plateauState()).containsExactly(s.plateauState());
    }

    @ParameterizedTest
    @EnumSource(value = ScheduleKind.class, names = "PLATEAU", mode = EnumSource.Mode.EXCLUDE)
    void onlyPlateauReactsToValidation(ScheduleKind kind) {
        LearningRateSchedule s = new LearningRateSchedule(kind, PEAK, TOTAL, 10);
        float before = s.at(60);
        for (int i = 0; i < 10; i++) {
            s.onEpochEnd(0.1, 60);
        }
        assertThat(s.at(60)).isEqualTo(before);
    }

    @ParameterizedTest(name = "peak={0} total={1} warmup={2}")
    @CsvSource({"0, 100, 0", "-0.1, 100, 0", "NaN, 100, 0", "Infinity, 100, 0", "0.1, 0, 0", "0.1, 100, -1",
        "0.1, 100, 101"})
    void badArgumentsThrow(double peak, long total, long warmup) {
        assertThatThrownBy(() -> new LearningRateSchedule(ScheduleKind.COSINE, peak, total, warmup))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("peak=" + peak)
                .hasMessageContaining("total=" + total).hasMessageContaining("warmup=" + warmup);
    }

    @Test
    void missingKindThrows() {
        assertThatThrownBy(() -> new LearningRateSchedule(null, PEAK, TOTAL, 0))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("kind");
    }

    @Test
    void parseAcceptsCliNamesAndListsValidOnes() {
        assertThat(ScheduleKind.parse("one-cycle")).isEqualTo(ScheduleKind.ONE_CYCLE);
        assertThat(ScheduleKind.parse(" Cosine ")).isEqualTo(ScheduleKind.COSINE);
        assertThatThrownBy(() -> ScheduleKind.parse("linear")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'linear'").hasMessageContaining("one-cycle, cosine, step, plateau, constant");
    }
}
