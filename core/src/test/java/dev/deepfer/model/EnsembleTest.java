package dev.deepfer.model;

import dev.deepfer.eval.EnsembleWeights;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EnsembleTest {

    /** A classifier that returns fixed logits for every image. */
    record Fixed(float[] logits) implements FaceClassifier {
        @Override
        public int inputSize() {
            return 4;
        }

        @Override
        public float[][] logits(float[] images, int count) {
            float[][] out = new float[count][];
            for (int i = 0; i < count; i++) {
                out[i] = logits.clone();
            }
            return out;
        }
    }

    @Test
    void meanOfProbabilitiesIsTheAverageOfTheMembersSoftmax() {
        // softmax([ln 3, 0]) = [0.75, 0.25]; softmax([0, 0]) = [0.5, 0.5]; mean = [0.625, 0.375]
        float[][] logits = {{(float) Math.log(3), 0}, {0, 0}};
        double[] p = Fusion.MEAN_PROBABILITIES.fuse(logits, new double[] {0.9, 0.1});
        assertThat(p[0]).isCloseTo(0.625, within(1e-6));
        assertThat(p[1]).isCloseTo(0.375, within(1e-6));
        double[] w = Fusion.WEIGHTED_PROBABILITIES.fuse(logits, new double[] {0.9, 0.1});
        assertThat(w[0]).isCloseTo(0.9 * 0.75 + 0.1 * 0.5, within(1e-6));
        // logit mean: 0.5 ln 3 → softmax = [sqrt 3 / (1 + sqrt 3), …]
        double[] l = Fusion.LOGIT_MEAN.fuse(logits, new double[] {0.5, 0.5});
        assertThat(l[0]).isCloseTo(Math.sqrt(3) / (1 + Math.sqrt(3)), within(1e-6));
    }

    @Test
    void ensembleLogitsAreTemperatureScaledLogProbabilities() {
        Ensemble e = new Ensemble(List.of(new Fixed(new float[] {(float) Math.log(3), 0}), new Fixed(new float[] {0, 0})),
                Fusion.MEAN_PROBABILITIES, Ensemble.uniformWeights(2), 2.0);
        float[][] out = e.logits(new float[2 * 16], 2);
        assertThat(out).hasDimensions(2, 2);
        assertThat(out[1][0]).isCloseTo((float) (Math.log(0.625) / 2), within(1e-6f));
        assertThat(out[1][1]).isCloseTo((float) (Math.log(0.375) / 2), within(1e-6f));
    }

    @Test
    void effectiveWeightsAreEqualForMeanFusionAndTheFittedOnesOtherwise() {
        double[] fitted = {0.7, 0.2, 0.1};
        assertThat(Fusion.MEAN_PROBABILITIES.effectiveWeights(fitted)).containsExactly(1 / 3.0, 1 / 3.0, 1 / 3.0);
        assertThat(Fusion.WEIGHTED_PROBABILITIES.effectiveWeights(fitted)).containsExactly(0.7, 0.2, 0.1);
        assertThat(Fusion.LOGIT_MEAN.effectiveWeights(fitted)).containsExactly(0.7, 0.2, 0.1);
    }

    @Test
    void fusingOneImagesMemberOutputsGivesTheEnsemblesOutput() {
        Ensemble e = new Ensemble(List.of(new Fixed(new float[] {2, 0, -1}), new Fixed(new float[] {0, 1, 0})),
                Fusion.WEIGHTED_PROBABILITIES, new double[] {0.6, 0.4}, 0.8);
        float[] fused = e.fuse(new float[][] {{2, 0, -1}, {0, 1, 0}});
        assertThat(fused).containsExactly(e.logits(new float[16], 1)[0], within(1e-7f));
        assertThat(e.effectiveWeights()).containsExactly(0.6, 0.4);
        assertThatThrownBy(() -> e.fuse(new float[][] {{1, 2, 3}})).hasMessageContaining("2 members but 1");
    }

    /** A classifier that counts its calls. */
    static final class Counting implements FaceClassifier {
        private final float[] logits;
        int calls;

        Counting(float... logits) {
            this.logits = logits;
        }

        @Override
        public int inputSize() {
            return 4;
        }

        @Override
        public float[][] logits(float[] images, int count) {
            calls++;
            return new Fixed(logits).logits(images, count);
        }
    }

    @Test
    void aMemberWithoutWeightIsNotRunAndChangesNothing() {
        for (Fusion fusion : new Fusion[] {Fusion.WEIGHTED_PROBABILITIES, Fusion.LOGIT_MEAN}) {
            Counting a = new Counting(2, 0, -1);
            Counting idle = new Counting(9, -9, 5);
            Counting c = new Counting(0, 1, 0.5f);
            Ensemble e = new Ensemble(List.of(a, idle, c), fusion, new double[] {0.7, 0.0, 0.3}, 0.9);
            float[][] out = e.logits(new float[3 * 16], 3);
            assertThat(idle.calls).as(fusion.name()).isZero();
            assertThat(a.calls).isEqualTo(1);
            assertThat(c.calls).isEqualTo(1);
            assertThat(e.runsMember(1)).isFalse();
            assertThat(e.runsMember(0)).isTrue();
            // the same as fusing with the idle member's real output, which weight 0 cancels
            float[] expected = e.fuse(new float[][] {{2, 0, -1}, {9, -9, 5}, {0, 1, 0.5f}});
            assertThat(out).hasDimensions(3, 3);
            for (float[] row : out) {
                assertThat(row).containsExactly(expected, within(1e-6f));
            }
            // and differs from what any non-zero weight for it gives
            Ensemble weighted = new Ensemble(List.of(a, idle, c), fusion, new double[] {0.6, 0.1, 0.3}, 0.9);
            assertThat(weighted.logits(new float[16], 1)[0][0]).isNotCloseTo(expected[0], within(1e-3f));
            assertThat(idle.calls).isEqualTo(1);
        }
        // mean fusion gives every member a share, so every member runs whatever the fitted weights
        Counting idle = new Counting(9, -9, 5);
        Ensemble mean = new Ensemble(List.of(new Counting(2, 0, -1), idle), Fusion.MEAN_PROBABILITIES,
                new double[] {1.0, 0.0}, 1.0);
        mean.logits(new float[16], 1);
        assertThat(idle.calls).isEqualTo(1);
        assertThat(mean.runsMember(1)).isTrue();
    }

    @Test
    void invalidEnsemblesAreRefused() {
        FaceClassifier a = new Fixed(new float[] {1, 0});
        assertThatThrownBy(() -> new Ensemble(List.of(a), Fusion.WEIGHTED_PROBABILITIES, new double[] {0.5}, 1))
                .hasMessageContaining("sum to 1");
        assertThatThrownBy(() -> new Ensemble(List.of(a), Fusion.WEIGHTED_PROBABILITIES, new double[] {1}, 0))
                .hasMessageContaining("temperature");
        assertThatThrownBy(() -> new Ensemble(List.of(a, new FaceClassifier() {
            public int inputSize() {
                return 0;
            }

            public float[][] logits(float[] images, int count) {
                return new float[0][];
            }
        }), Fusion.MEAN_PROBABILITIES, Ensemble.uniformWeights(2), 1)).hasMessageContaining("input size");
        Ensemble e = new Ensemble(List.of(a), Fusion.MEAN_PROBABILITIES, Ensemble.uniformWeights(1), 1);
        assertThatThrownBy(() -> e.logits(new float[15], 1)).hasMessageContaining("need 16 values, got 15");
        assertThatThrownBy(() -> e.logits(side -> new float[9], 1)).hasMessageContaining("need 16 values, got 9");
        // a 3-pixel member beside a 4-pixel one: the centre of 4 has no middle 3
        assertThatThrownBy(() -> new Ensemble(List.of(a, new Recording(3)), Fusion.MEAN_PROBABILITIES,
                Ensemble.uniformWeights(2), 1)).hasMessageContaining("even number of pixels, got 4 and 3");
    }

    /** A classifier of side {@code side} that keeps the images it was given. */
    static final class Recording implements FaceClassifier {
        private final int side;
        final List<float[]> seen = new java.util.ArrayList<>();

        Recording(int side) {
            this.side = side;
        }

        @Override
        public int inputSize() {
            return side;
        }

        @Override
        public float[][] logits(float[] images, int count) {
            assertThat(images).hasSize(count * side * side);
            seen.add(images.clone());
            return new float[count][3];
        }
    }

    @Test
    void membersOfDifferentSidesEachGetTheCentreOfTheLargestCrop() {
        Recording four = new Recording(4);
        Recording two = new Recording(2);
        Ensemble e = new Ensemble(List.of(four, two), Fusion.MEAN_PROBABILITIES, Ensemble.uniformWeights(2), 1);
        assertThat(e.inputSize()).isEqualTo(4);
        assertThat(e.mixesInputSizes()).isTrue();
        float[] images = new float[2 * 16];
        for (int i = 0; i < images.length; i++) {
            images[i] = i;
        }
        e.logits(images, 2);
        assertThat(four.seen).singleElement().isEqualTo(images);
        // rows 1-2, columns 1-2 of each 4x4 image
        assertThat(two.seen).singleElement().isEqualTo(new float[] {5, 6, 9, 10, 21, 22, 25, 26});
        // given images at every side, each member asks for its own, once per side
        List<Integer> asked = new java.util.ArrayList<>();
        e.logits(side -> {
            asked.add(side);
            return new float[2 * side * side];
        }, 2);
        assertThat(asked).containsExactlyInAnyOrder(4, 2);
        assertThat(new Ensemble(List.of(four, new Recording(4)), Fusion.MEAN_PROBABILITIES,
                Ensemble.uniformWeights(2), 1).mixesInputSizes()).isFalse();
    }

    @Test
    void fittedWeightsFavourTheInformativeMember() {
        // Member 0 is right on every image, member 1 always predicts class 0.
        int n = 60;
        int[] labels = new int[n];
        float[][] good = new float[n][3];
        float[][] bad = new float[n][3];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            good[i][labels[i]] = 2f;
            bad[i][0] = 3f;
        }
        double[] w = EnsembleWeights.fit(List.of(good, bad), labels, Fusion.WEIGHTED_PROBABILITIES);
        assertThat(w[0] + w[1]).isCloseTo(1.0, within(1e-9));
        assertThat(w[0]).isGreaterThan(0.8);
        double fitted = EnsembleWeights.nll(List.of(good, bad), labels, Fusion.WEIGHTED_PROBABILITIES, w);
        double uniform = EnsembleWeights.nll(List.of(good, bad), labels, Fusion.WEIGHTED_PROBABILITIES,
                Ensemble.uniformWeights(2));
        assertThat(fitted).isLessThan(uniform);
        assertThat(EnsembleWeights.fit(List.of(good, bad), labels, Fusion.MEAN_PROBABILITIES))
                .containsExactly(0.5, 0.5);
    }
}
