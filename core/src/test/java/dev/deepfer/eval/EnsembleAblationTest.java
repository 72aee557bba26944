package dev.deepfer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deepfer.data.FaceDataset;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnsembleAblationTest {
    /** Logits for 7 classes: {@code value} at {@code c}, 0 elsewhere. */
    private static float[] at(int c, float value) {
        float[] z = new float[7];
        z[c] = value;
        return z;
    }

    /**
     * Two images (labels 0 and 1), worked by hand: A is sure of class 0 on both; B of class 1 on
     * both; C leans to the right class on both. Mean probabilities: A+B right on both; A+C wrong on
     * image 1 (0.333 for class 0 against 0.193 for class 1); B+C and A+B+C right on both.
     */
    @Test
    void everySubsetOfTwoOrMoreIsFusedByMeanProbability() {
        FaceDataset data = new FaceDataset("two", 1, new byte[2], new byte[] {0, 1});
        float[][] a = {at(0, 4), at(0, 2)};
        float[][] b = {at(1, 1), at(1, 4)};
        float[][] c = {at(0, 1.5f), at(1, 1)};

        List<EnsembleAblation.Subset> subsets = EnsembleAblation.subsets(List.of("A", "B", "C"), List.of(a, b, c), data);

        assertThat(subsets).extracting(EnsembleAblation.Subset::name)
                .containsExactly("A + B", "A + C", "B + C", "A + B + C");
        assertThat(subsets).extracting(s -> s.confusion().correct()).containsExactly(2, 1, 2, 2);
        assertThat(subsets.get(1).confusion().count(1, 0)).as("A + C calls image 1 class 0").isEqualTo(1);
        assertThat(subsets.get(3).members()).containsExactly(0, 1, 2);
    }

    @Test
    void namesMustMatchMembers() {
        FaceDataset data = new FaceDataset("one", 1, new byte[1], new byte[] {0});
        assertThatThrownBy(() -> EnsembleAblation.subsets(List.of("A"), List.of(), data))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 names for 0 members");
    }
}
