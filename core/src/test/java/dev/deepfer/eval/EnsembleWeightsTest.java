package dev.deepfer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deepfer.model.Fusion;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnsembleWeightsTest {
    private static final int N = 30;

    /** Logits with {@code confidence} on {@code predicted[i]} and 0 elsewhere. */
    private static float[][] logits(int[] predicted, float confidence) {
        float[][] out = new float[predicted.length][7];
        for (int i = 0; i < predicted.length; i++) {
            out[i][predicted[i]] = confidence;
        }
        return out;
    }

    /**
     * Member A is always right but unsure; member B always wrong and confident. The mean follows B
     * (accuracy 0); weights fitted on the other folds move to A, so every held-out fold is right.
     */
    @Test
    void fittedWeightsBeatTheMeanOnHeldOutFoldsWhenOneMemberIsReliable() {
        int[] labels = new int[N];
        int[] wrong = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = i % 7;
            wrong[i] = (i + 3) % 7;
        }
        List<float[][]> members = List.of(logits(labels, 1f), logits(wrong, 6f));

        assertThat(EnsembleWeights.crossFittedAccuracy(members, labels, Fusion.MEAN_PROBABILITIES, 2)).isZero();
        assertThat(EnsembleWeights.crossFittedAccuracy(members, labels, Fusion.WEIGHTED_PROBABILITIES, 2))
                .isEqualTo(1.0);
    }

    /** The mean needs no fitting, so held-out folds score it exactly as the whole split does. */
    @Test
    void forTheMeanCrossFittedAccuracyIsTheInSampleAccuracy() {
        int[] labels = new int[N];
        int[] a = new int[N];
        int[] b = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = i % 7;
            a[i] = i < 20 ? labels[i] : (labels[i] + 1) % 7;
            b[i] = i % 3 == 0 ? labels[i] : (labels[i] + 2) % 7;
        }
        List<float[][]> members = List.of(logits(a, 3f), logits(b, 2f));
        double inSample = EnsembleSelection.accuracy(members, labels, Fusion.MEAN_PROBABILITIES, new double[] {0.5, 0.5});

        assertThat(inSample).isEqualTo(20.0 / N);
        for (int folds : new int[] {2, 3, 7}) {
            assertThat(EnsembleWeights.crossFittedAccuracy(members, labels, Fusion.MEAN_PROBABILITIES, folds))
                    .isCloseTo(inSample, org.assertj.core.api.Assertions.within(1e-12));
        }
    }

    @Test
    void foldsMustBeBetweenTwoAndTheNumberOfImages() {
        List<float[][]> members = List.<float[][]>of(logits(new int[] {0, 1}, 1f));
        int[] labels = {0, 1};
        assertThatThrownBy(() -> EnsembleWeights.crossFittedAccuracy(members, labels, Fusion.MEAN_PROBABILITIES, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("folds");
        assertThatThrownBy(() -> EnsembleWeights.crossFittedAccuracy(members, labels, Fusion.MEAN_PROBABILITIES, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("folds");
    }
}
