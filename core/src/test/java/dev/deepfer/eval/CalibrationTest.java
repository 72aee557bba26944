package dev.deepfer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    /*
     * Four two-class predictions, 5 bins of width 0.2:
     *   [0.90, 0.10] label 0: top 0 right, conf 0.90 -> bin (0.8, 1.0]
     *   [0.70, 0.30] label 1: top 0 wrong, conf 0.70 -> bin (0.6, 0.8]
     *   [0.25, 0.75] label 1: top 1 right, conf 0.75 -> bin (0.6, 0.8]
     *   [0.55, 0.45] label 0: top 0 right, conf 0.55 -> bin (0.4, 0.6]
     * ECE = 1/4 * |1 - 0.9| + 2/4 * |0.5 - 0.725| + 1/4 * |1 - 0.55| = 0.025 + 0.1125 + 0.1125 = 0.25
     * NLL = -(ln 0.9 + ln 0.3 + ln 0.75 + ln 0.55) / 4
     * Brier = (0.02 + 0.98 + 0.125 + 0.405) / 4 = 1.53 / 4 = 0.3825
     */
    static final float[][] PROBS = {{0.9f, 0.1f}, {0.7f, 0.3f}, {0.25f, 0.75f}, {0.55f, 0.45f}};
    static final int[] LABELS = {0, 1, 1, 0};

    @Test
    void knownAnswers() {
        assertThat(Calibration.ece(PROBS, LABELS, 5)).isCloseTo(0.25, within(1e-6));
        assertThat(Calibration.nll(PROBS, LABELS))
                .isCloseTo(-(Math.log(0.9) + Math.log(0.3) + Math.log(0.75) + Math.log(0.55)) / 4, within(1e-6));
        assertThat(Calibration.brier(PROBS, LABELS)).isCloseTo(0.3825, within(1e-6));
    }

    /*
     * The default 15 bins of width 1/15, three classes:
     *   [0.95, 0.03, 0.02] label 0: right, conf 0.95 -> bin 14 (14/15, 1]
     *   [0.95, 0.03, 0.02] label 2: wrong, conf 0.95 -> bin 14: accuracy 1/2, confidence 0.95
     *   [0.50, 0.30, 0.20] label 0: right, conf 0.50 -> bin 7 (7/15, 8/15]
     *   [0.40, 0.30, 0.30] label 1: wrong, conf 0.40 -> bin 5 or 6 (0.4 sits on the edge 6/15)
     * ECE = 2/4 * |0.5 - 0.95| + 1/4 * |1 - 0.5| + 1/4 * |0 - 0.4| = 0.225 + 0.125 + 0.1 = 0.45
     */
    @Test
    void eceOverFifteenBinsOnAHandMadeExample() {
        float[][] probs = {{0.95f, 0.03f, 0.02f}, {0.95f, 0.03f, 0.02f}, {0.5f, 0.3f, 0.2f}, {0.4f, 0.3f, 0.3f}};
        int[] labels = {0, 2, 0, 1};
        assertThat(Calibration.DEFAULT_BINS).isEqualTo(15);
        assertThat(Calibration.ece(probs, labels)).isCloseTo(0.45, within(1e-6));
        assertThat(Calibration.reliability(probs, labels, 15).get(14).count()).isEqualTo(2);
    }

    @Test
    void reliabilityBinsAreEqualWidth() {
        var bins = Calibration.reliability(PROBS, LABELS, 5);
        assertThat(bins).extracting(Calibration.Bin::count).containsExactly(0, 0, 1, 2, 1);
        assertThat(bins.get(3).accuracy()).isEqualTo(0.5);
        assertThat(bins.get(3).confidence()).isCloseTo(0.725, within(1e-6));
        assertThat(bins.get(4).upper()).isEqualTo(1.0);
    }

    @Test
    void perfectConfidentPredictionsAreCalibrated() {
        float[][] probs = {{1, 0, 0}, {0, 1, 0}};
        assertThat(Calibration.ece(probs, new int[] {0, 1})).isZero();
        assertThat(Calibration.brier(probs, new int[] {0, 1})).isZero();
        // a confident mistake is finite thanks to the probability floor
        assertThat(Calibration.nll(probs, new int[] {2, 1})).isCloseTo(-Math.log(1e-15) / 2, within(1e-9));
    }

    @Test
    void softmaxIsStableAndTemperatureSoftens() {
        double[] p = Calibration.softmax(new float[] {1000, 999, 0}, 1);
        assertThat(p[0]).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-12));
        assertThat(p[2]).isZero();
        double[] soft = Calibration.softmax(new float[] {2, 1, 0}, 1e6);
        assertThat(soft).containsExactly(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, within(1e-6));
        assertThatThrownBy(() -> Calibration.softmax(new float[] {1}, 0)).hasMessageContaining("temperature");
    }

    @Test
    void temperatureScalingUndoesOverConfidence() {
        // labels drawn from softmax(z) are calibrated for z by construction; 5z is over-confident
        Random random = new Random(42);
        int n = 4000;
        int classes = 7;
        float[][] sharp = new float[n][classes];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            float[] z = new float[classes];
            for (int c = 0; c < classes; c++) {
                z[c] = (float) (1.5 * random.nextGaussian());
                sharp[i][c] = 5 * z[c];
            }
            labels[i] = sample(Calibration.softmax(z, 1), random.nextDouble());
        }
        double t = Calibration.fitTemperature(sharp, labels);
        assertThat(t).isCloseTo(5, within(0.4));
        assertThat(Calibration.fitTemperature(sharp, labels)).as("deterministic").isEqualTo(t);
        assertThat(Calibration.nllOfLogits(sharp, labels, t))
                .isLessThan(Calibration.nllOfLogits(sharp, labels, 1) - 0.5);
        float[][] before = Calibration.probabilities(sharp, 1);
        float[][] after = Calibration.probabilities(sharp, t);
        assertThat(Calibration.ece(after, labels)).isLessThan(Calibration.ece(before, labels) / 3);
        assertThat(Calibration.nll(after, labels)).isLessThan(Calibration.nll(before, labels));
        assertThat(Calibration.boundWarning(t)).as("an interior optimum").isEmpty();
    }

    /** Every face right: sharper is always better, so the fit runs to the bound, and says so. */
    @Test
    void aFitAtTheSearchBoundIsFlagged() {
        float[][] right = {{2, 0, 0}, {0, 3, 0}, {0, 0, 1}};
        double t = Calibration.fitTemperature(right, new int[] {0, 1, 2});
        assertThat(t).isLessThan(Calibration.MIN_TEMPERATURE * 1.01);
        assertThat(Calibration.boundWarning(t)).hasValueSatisfying(w -> assertThat(w).contains("at the search's bound"));
        assertThat(Calibration.boundWarning(Calibration.MAX_TEMPERATURE)).isPresent();
    }

    @Test
    void rejectsMismatchedInputs() {
        assertThatThrownBy(() -> Calibration.ece(PROBS, new int[] {0})).hasMessageContaining("one label per row");
        assertThatThrownBy(() -> Calibration.nll(PROBS, new int[] {0, 1, 2, 0})).hasMessageContaining("label 2 of row 2");
        assertThatThrownBy(() -> Calibration.ece(PROBS, LABELS, 0)).hasMessageContaining("bins");
    }

    private static int sample(double[] p, double u) {
        double cumulative = 0;
        for (int c = 0; c < p.length - 1; c++) {
            cumulative += p[c];
            if (u < cumulative) {
                return c;
            }
        }
        return p.length - 1;
    }
}
