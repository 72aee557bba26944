package dev.deepfer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    @Test
    void countsTotalsAndMargins() {
        ConfusionMatrix cm = MetricsTest.handMatrix();
        assertThat(cm.size()).isEqualTo(7);
        assertThat(cm.total()).isEqualTo(15);
        assertThat(cm.correct()).isEqualTo(10);
        assertThat(cm.count(1, 0)).isEqualTo(2);
        assertThat(cm.actualCount(4)).isEqualTo(3);
        assertThat(cm.predictedCount(0)).isEqualTo(5);
    }

    @Test
    void rowNormalisedRowsSumToOneOrZero() {
        double[][] f = MetricsTest.handMatrix().rowNormalised();
        assertThat(f[0]).containsExactly(0.75, 0, 0.25, 0, 0, 0, 0);
        assertThat(f[4][6]).isEqualTo(1.0 / 3);
        assertThat(f[5]).containsOnly(0.0);
    }

    @Test
    void mergeAddsCountsIntoANewMatrix() {
        ConfusionMatrix a = new ConfusionMatrix(2);
        a.add(0, 1);
        ConfusionMatrix b = new ConfusionMatrix(2);
        b.addAll(new int[] {0, 1}, new int[] {1, 1});
        ConfusionMatrix sum = a.merge(b);
        assertThat(sum.toArray()).isEqualTo(new int[][] {{0, 2}, {0, 1}});
        assertThat(a.total()).isEqualTo(1);
        assertThatThrownBy(() -> a.merge(new ConfusionMatrix(3))).hasMessageContaining("cannot merge");
    }

    @Test
    void textTableIsAlignedAndLabelled() {
        String text = MetricsTest.handMatrix().toText();
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(9);
        assertThat(lines).extracting(String::length).containsOnly(lines.get(0).length());
        assertThat(lines.get(0)).contains("angry", "surprise", "neutral", "total");
        assertThat(lines.get(1).trim()).startsWith("angry").endsWith("4");
        assertThat(lines.get(8).trim()).startsWith("total").endsWith("15");
    }

    @Test
    void rejectsOutOfRangeClassesAndMismatchedArrays() {
        ConfusionMatrix cm = new ConfusionMatrix();
        assertThatThrownBy(() -> cm.add(7, 0)).hasMessageContaining("actual class 7 out of range 0..6");
        assertThatThrownBy(() -> cm.add(0, -1)).hasMessageContaining("predicted class -1");
        assertThatThrownBy(() -> cm.addAll(new int[2], new int[3])).hasMessageContaining("2 labels but 3");
        assertThatThrownBy(() -> ConfusionMatrix.ofCounts(new int[3][3])).hasMessageContaining("expected 7 rows");
    }
}
