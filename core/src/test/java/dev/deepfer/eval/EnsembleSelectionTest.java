package dev.deepfer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deepfer.model.Fusion;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnsembleSelectionTest {
    private static final int N = 40;

    /** Confident logits (5 on the class, 0 elsewhere) for {@code predicted[i]}. */
    private static float[][] logits(int[] predicted) {
        float[][] out = new float[predicted.length][7];
        for (int i = 0; i < predicted.length; i++) {
            out[i][predicted[i]] = 5;
        }
        return out;
    }

    /**
     * A is right on the first 30 images, B on the last 30, C on none; where A and B disagree each
     * is right on 10 images, and fusing them gets at least the 20 both agree on, so {A, B} beats
     * {A, C} and {B, C}, in which C (always wrong, confidently) drags the fused prediction.
     */
    @Test
    void keepsThePairThatIsMostAccurateOnValidation() {
        int[] labels = new int[N];
        int[] a = new int[N];
        int[] b = new int[N];
        int[] c = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = i % 7;
            a[i] = i < 30 ? labels[i] : (labels[i] + 1) % 7;
            b[i] = i >= 10 ? labels[i] : (labels[i] + 2) % 7;
            c[i] = (labels[i] + 3) % 7;
        }
        List<float[][]> members = List.of(logits(a), logits(b), logits(c));
        List<EnsembleSelection.Candidate> ranked =
                EnsembleSelection.rank(members, labels, Fusion.WEIGHTED_PROBABILITIES, 2);

        assertThat(ranked).hasSize(3);
        assertThat(ranked.get(0).members()).containsExactly(0, 1);
        assertThat(ranked.get(0).accuracy()).isGreaterThanOrEqualTo(20.0 / N);
        assertThat(ranked.get(0).accuracy()).isGreaterThan(ranked.get(1).accuracy());
        assertThat(ranked.get(0).weights()).hasSize(2);
        assertThat(ranked.get(0).weights()[0] + ranked.get(0).weights()[1]).isCloseTo(1.0,
                org.assertj.core.api.Assertions.within(1e-9));
        // single members: A and B are each right on 30 of 40, C on none
        List<EnsembleSelection.Candidate> singles =
                EnsembleSelection.rank(members, labels, Fusion.WEIGHTED_PROBABILITIES, 1);
        assertThat(singles.get(2).members()).containsExactly(2);
        assertThat(singles.get(2).accuracy()).isZero();
        assertThat(singles.get(0).accuracy()).isEqualTo(30.0 / N);
    }

    @Test
    void sizeMustBeBetweenOneAndTheNumberOfCandidates() {
        List<float[][]> members = List.of(logits(new int[] {0}), logits(new int[] {1}));
        assertThatThrownBy(() -> EnsembleSelection.rank(members, new int[] {0}, Fusion.MEAN_PROBABILITIES, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot keep 3 of 2");
    }
}
