package dev.deepfer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import java.util.Random;

/** Evaluates losses on small Java arrays and gives a double-precision cross-entropy reference. */
final class LossFixture {

    private LossFixture() {}

    /** The loss on {@code logits [N, C]} and labels {@code [N]} passed as an int32 array. */
    static double eval(Loss loss, float[][] logits, int[] labels) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray out = loss.evaluate(new NDList(m.create(labels)), new NDList(m.create(logits)));
            assertThat(out.getShape().dimension()).as("scalar loss").isZero();
            return out.getFloat();
        }
    }

    /** The gradient of the loss with respect to the logits, flattened row-major; asserts it is finite. */
    static float[] finiteGradient(Loss loss, float[][] logits, int[] labels) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(logits);
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(loss.evaluate(new NDList(m.create(labels)), new NDList(x)));
            }
            float[] grad = x.getGradient().toFloatArray();
            for (float g : grad) {
                assertThat(g).as("gradient").isFinite();
            }
            return grad;
        }
    }

    /** Asserts the loss equals softmax cross-entropy to 1e-6 on seeded random 7-class logits. */
    static void assertIsCrossEntropy(Loss loss, long seed) {
        Random random = new Random(seed);
        float[][] logits = randomLogits(random, 64, 7, 3);
        int[] labels = random.ints(64, 0, 7).toArray();
        assertThat(eval(loss, logits, labels)).isCloseTo(crossEntropy(logits, labels), within(1e-6));
    }

    /** Mean softmax cross-entropy in double precision. */
    static double crossEntropy(float[][] logits, int[] labels) {
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (float z : logits[i]) {
                max = Math.max(max, z);
            }
            double lse = 0;
            for (float z : logits[i]) {
                lse += Math.exp(z - max);
            }
            sum += Math.log(lse) + max - logits[i][labels[i]];
        }
        return sum / logits.length;
    }

    /** Gaussian logits with standard deviation {@code scale}. */
    private static float[][] randomLogits(Random random, int n, int classes, double scale) {
        float[][] logits = new float[n][classes];
        for (float[] row : logits) {
            for (int c = 0; c < classes; c++) {
                row[c] = (float) (random.nextGaussian() * scale);
            }
        }
        return logits;
    }
}
