package dev.deepfer.train;

import static dev.deepfer.train.FocalLossTest.LABELS;
import static dev.deepfer.train.FocalLossTest.LOGITS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import org.junit.jupiter.api.Test;

/** {@link DistillationLoss}: known answers of the soft term, its mix with the hard loss, its gradient. */
class DistillationLossTest {
    private static final Loss CE = Losses.create(LossConfig.crossEntropy());
    private static final float LN3 = (float) Math.log(3);

    private static DistillationLoss loss(float weight, float temperature) {
        return new DistillationLoss(CE, new Distillation("teacher", weight, temperature));
    }

    private static double eval(Loss loss, float[][] logits, int[] labels, float[][] teacher) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray out = loss.evaluate(new NDList(m.create(labels), m.create(teacher)), new NDList(m.create(logits)));
            assertThat(out.getShape().dimension()).as("scalar loss").isZero();
            return out.getFloat();
        }
    }

    private static float[] gradient(Loss loss, float[][] logits, int[] labels, float[][] teacher) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(logits);
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(loss.evaluate(new NDList(m.create(labels), m.create(teacher)), new NDList(x)));
            }
            return x.getGradient().toFloatArray();
        }
    }

    @Test
    void softTermIsTheKullbackLeiblerDivergenceFromTheTeacher() {
        // student softmax(0, ln 3) = (1/4, 3/4), teacher (1/2, 1/2): KL = 1/2 ln 2 + 1/2 ln(2/3) = 1/2 ln(4/3)
        assertThat(eval(loss(1, 1), new float[][] {{0, LN3}}, new int[] {1}, new float[][] {{0.5f, 0.5f}}))
                .isCloseTo(0.5 * Math.log(4.0 / 3), within(1e-6));
        // at T = 2 the student is softmax(0, ln 3 / 2) = (1, sqrt 3) / (1 + sqrt 3); times T^2 = 4
        double p = 1 / (1 + Math.sqrt(3));
        double kl = 0.5 * Math.log(0.5 / p) + 0.5 * Math.log(0.5 / (1 - p));
        assertThat(eval(loss(1, 2), new float[][] {{0, LN3}}, new int[] {1}, new float[][] {{0.5f, 0.5f}}))
                .isCloseTo(4 * kl, within(1e-6)).isCloseTo(0.14900914406, within(1e-6));
    }

    @Test
    void aTeacherThatAgreesWithTheStudentLeavesOnlyTheWeightedHardLoss() {
        float[][] agreeing = new float[LOGITS.length][];
        for (int i = 0; i < LOGITS.length; i++) {
            double[] e = new double[LOGITS[i].length];
            double sum = 0;
            for (int c = 0; c < e.length; c++) {
                e[c] = Math.exp(LOGITS[i][c]);
                sum += e[c];
            }
            agreeing[i] = new float[e.length];
            for (int c = 0; c < e.length; c++) {
                agreeing[i][c] = (float) (e[c] / sum);
            }
        }
        // cross-entropy of these logits and labels is 0.75310912656 (CombinedLossTest)
        assertThat(eval(loss(0.25f, 1), LOGITS, LABELS, agreeing)).isCloseTo(0.75 * 0.75310912656, within(1e-6));
        // a one-hot teacher of the true labels is the hard loss again, at any weight (T = 1)
        float[][] oneHot = {{1, 0, 0}, {0, 0, 1}};
        assertThat(eval(loss(0.6f, 1), LOGITS, LABELS, oneHot)).isCloseTo(0.75310912656, within(1e-5));
    }

    @Test
    void gradientPullsTheSoftenedStudentTowardsTheTeacher() {
        // d/dz of T^2 KL(q_T || softmax(z/T)) = T (softmax(z/T) - q_T), per sample, averaged over the batch
        float[] g1 = gradient(loss(1, 1), new float[][] {{0, LN3}}, new int[] {1}, new float[][] {{0.5f, 0.5f}});
        assertThat(g1).containsExactly(new float[] {-0.25f, 0.25f}, within(1e-6f));
        float[] g2 = gradient(loss(1, 2), new float[][] {{0, LN3}}, new int[] {1}, new float[][] {{0.5f, 0.5f}});
        float expected = (float) (2 * (1 / (1 + Math.sqrt(3)) - 0.5));
        assertThat(g2).containsExactly(new float[] {expected, -expected}, within(1e-6f));
    }

    @Test
    void missingOrMisshapenTeacherTargetsAreRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList logits = new NDList(m.create(LOGITS));
            assertThatThrownBy(() -> loss(0.5f, 2).evaluate(new NDList(m.create(LABELS)), logits))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("teacher probabilities");
            assertThatThrownBy(() -> loss(0.5f, 2).evaluate(
                    new NDList(m.create(LABELS), m.create(new float[][] {{0.5f, 0.5f}, {0.5f, 0.5f}})), logits))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2, 2)")
                    .hasMessageContaining("(2, 3)");
        }
    }
}
