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

    /**
     * Member A is right (and sure) on even images and wrong on odd ones, member B the reverse. Each
     * fold's weights are fitted on the other fold (image i is in fold i % 2), where the other member
     * is the reliable one, so every held-out image is wrong: a cross-fit whose weights saw the held-out
     * images would score it. Fitted on everything, the weights stay even, non-negative, summing to 1.
     */
    @Test
    void heldOutImagesNeverShapeTheirOwnWeights() {
        int[] labels = labels();
        int[] a = rightWhere(i -> i % 2 == 0, 1);
        int[] b = rightWhere(i -> i % 2 == 1, 2);
        List<float[][]> members = List.of(logits(a, 6f), logits(b, 6f));
        for (Fusion fitted : List.of(Fusion.WEIGHTED_PROBABILITIES, Fusion.LOGIT_MEAN)) {
            assertThat(EnsembleWeights.crossFittedAccuracy(members, labels, fitted, 2)).as(fitted.name()).isZero();
            double[] all = EnsembleWeights.fit(members, labels, fitted);
            assertThat(all).as(fitted.name()).containsExactly(new double[] {0.5, 0.5},
                    org.assertj.core.api.Assertions.within(1e-9));
            int[] evenRows = java.util.stream.IntStream.range(0, N).filter(i -> i % 2 == 0).toArray();
            double[] even = EnsembleWeights.fit(List.of(logits(pick(a, evenRows), 6f), logits(pick(b, evenRows), 6f)),
                    pick(labels, evenRows), fitted);
            assertThat(even[0]).as("fitted where A is right").isGreaterThan(0.95);
            assertThat(even[1]).as("never negative").isBetween(0.0, 0.05);
            assertThat(even[0] + even[1]).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        }
    }

    /** Image i's label: i % 7. */
    private static int[] labels() {
        return java.util.stream.IntStream.range(0, N).map(i -> i % 7).toArray();
    }

    /** Predictions right on the images {@code right} accepts, {@code wrongBy} classes off elsewhere. */
    private static int[] rightWhere(java.util.function.IntPredicate right, int wrongBy) {
        return java.util.stream.IntStream.range(0, N).map(i -> right.test(i) ? i % 7 : (i % 7 + wrongBy) % 7)
                .toArray();
    }

    private static int[] pick(int[] values, int[] rows) {
        return java.util.Arrays.stream(rows).map(i -> values[i]).toArray();
    }

    /** The mean needs no fitting, so held-out folds score it exactly as the whole split does. */
    @Test
    void forTheMeanCrossFittedAccuracyIsTheInSampleAccuracy() {
        int[] labels = labels();
        int[] a = rightWhere(i -> i < 20, 1);
        int[] b = rightWhere(i -> i % 3 == 0, 2);
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
