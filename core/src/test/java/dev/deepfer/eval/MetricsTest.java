package dev.deepfer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.deepfer.data.Emotion;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

    /*
     * Rows = true class, columns = prediction, FER2013 order.
     *
     *              ang dis fea hap sad sur neu | support
     *   angry        3   .   1   .   .   .   . |   4
     *   disgust      2   .   .   .   .   .   . |   2
     *   fear         .   .   1   .   1   .   . |   2
     *   happy        .   .   .   4   .   .   . |   4
     *   sad          .   .   .   .   2   .   1 |   3
     *   surprise     .   .   .   .   .   .   . |   0
     *   neutral      .   .   .   .   .   .   . |   0
     *   predicted    5   0   2   4   3   0   1 |  15
     *
     * accuracy = (3 + 1 + 4 + 2) / 15 = 2/3
     * angry    P = 3/5  R = 3/4  F1 = 2 * 0.45 / 1.35 = 2/3
     * disgust  never predicted: P = 0 (convention), R = 0/2 = 0, F1 = 0
     * fear     P = 1/2  R = 1/2  F1 = 1/2
     * happy    P = 1    R = 1    F1 = 1
     * sad      P = 2/3  R = 2/3  F1 = 2/3
     * surprise no examples, no predictions: all 0 and left out of macro-F1
     * neutral  predicted once, no examples: P = 0/1 = 0, R = 0 (convention), F1 = 0, counted
     * macro-F1    = (2/3 + 0 + 1/2 + 1 + 2/3 + 0) / 6 = (17/6) / 6 = 17/36
     * weighted-F1 = (4 * 2/3 + 2 * 0 + 2 * 1/2 + 4 * 1 + 3 * 2/3) / 15 = (29/3) / 15 = 29/45
     */
    static ConfusionMatrix handMatrix() {
        ConfusionMatrix cm = new ConfusionMatrix();
        cm.addAll(new int[] {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4},
                  new int[] {0, 0, 0, 2, 0, 0, 2, 4, 3, 3, 3, 3, 4, 4, 6});
        return cm;
    }

    static final double EXACT = 1e-9;

    @Test
    void headlineMetrics() {
        ConfusionMatrix cm = handMatrix();
        assertThat(Metrics.accuracy(cm)).isCloseTo(2.0 / 3, within(EXACT));
        assertThat(Metrics.macroF1(cm)).isCloseTo(17.0 / 36, within(EXACT));
        assertThat(Metrics.weightedF1(cm)).isCloseTo(29.0 / 45, within(EXACT));
    }

    @Test
    void perClassMetricsWithZeroDivisionConvention() {
        List<ClassMetrics> m = Metrics.perClass(handMatrix());
        assertMetrics(m.get(0), 3.0 / 5, 3.0 / 4, 2.0 / 3, 4);
        assertMetrics(m.get(1), 0, 0, 0, 2);
        assertMetrics(m.get(2), 0.5, 0.5, 0.5, 2);
        assertMetrics(m.get(3), 1, 1, 1, 4);
        assertMetrics(m.get(4), 2.0 / 3, 2.0 / 3, 2.0 / 3, 3);
        assertMetrics(m.get(5), 0, 0, 0, 0);
        assertMetrics(m.get(6), 0, 0, 0, 0);
    }

    @Test
    void reportCarriesTheSameNumbers() {
        EvaluationReport r = EvaluationReport.of("m", "fer2013", "PrivateTest", handMatrix());
        assertThat(r.n()).isEqualTo(15);
        assertThat(r.accuracy()).isCloseTo(2.0 / 3, within(EXACT));
        assertThat(r.macroF1()).isCloseTo(17.0 / 36, within(EXACT));
        assertThat(r.weightedF1()).isCloseTo(29.0 / 45, within(EXACT));
        assertMetrics(r.perClass().get(Emotion.ANGRY), 3.0 / 5, 3.0 / 4, 2.0 / 3, 4);
        assertThat(r.confusion()[4][6]).isEqualTo(1);
    }

    @Test
    void threeClassMatrix() {
        // [[5, 1, 0], [2, 3, 1], [0, 0, 4]]: accuracy 12/16
        // P = [5/7, 3/4, 4/5], R = [5/6, 1/2, 1], F1 = [10/13, 3/5, 8/9]
        ConfusionMatrix cm = new ConfusionMatrix(3);
        int[][] counts = {{5, 1, 0}, {2, 3, 1}, {0, 0, 4}};
        for (int a = 0; a < 3; a++) {
            for (int p = 0; p < 3; p++) {
                for (int k = 0; k < counts[a][p]; k++) {
                    cm.add(a, p);
                }
            }
        }
        assertThat(Metrics.accuracy(cm)).isCloseTo(0.75, within(EXACT));
        assertThat(Metrics.macroF1(cm)).isCloseTo((10.0 / 13 + 3.0 / 5 + 8.0 / 9) / 3, within(EXACT));
        assertThat(Metrics.weightedF1(cm))
                .isCloseTo((6 * 10.0 / 13 + 6 * 3.0 / 5 + 4 * 8.0 / 9) / 16, within(EXACT));
    }

    @Test
    void emptyMatrixHasNoMetrics() {
        assertThatThrownBy(() -> Metrics.accuracy(new ConfusionMatrix())).hasMessageContaining("empty");
        assertThatThrownBy(() -> Metrics.macroF1(new ConfusionMatrix())).hasMessageContaining("empty");
    }

    private static void assertMetrics(ClassMetrics m, double p, double r, double f1, int support) {
        assertThat(m.precision()).as("precision").isCloseTo(p, within(EXACT));
        assertThat(m.recall()).as("recall").isCloseTo(r, within(EXACT));
        assertThat(m.f1()).as("f1").isCloseTo(f1, within(EXACT));
        assertThat(m.support()).as("support").isEqualTo(support);
    }
}
