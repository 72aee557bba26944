package dev.deepfer.train;

import static dev.deepfer.train.FocalLossTest.LABELS;
import static dev.deepfer.train.FocalLossTest.LOGITS;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import dev.deepfer.nn.MbConv;
import dev.deepfer.nn.Scalars;
import org.junit.jupiter.api.Test;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Every operation with a constant that training records (the losses' weights, focal gamma, label
 * smoothing, the distillation temperature, stochastic depth's 1/(1-p)) gives the same gradient when
 * the garbage collector runs between the forward and the backward pass. With DJL's
 * {@code mul(Number)}-style operations it did not: backward read the constant from freed memory
 * (see {@link Scalars}), which made the EfficientNet NaN-gradient flake.
 */
class ScalarGradientTest {
    private static final Function<NDManager, NDArray> LOGITS_INPUT = m -> m.create(LOGITS);
    private static final float[][] TEACHER = {{0.6f, 0.1f, 0.3f}, {0.2f, 0.2f, 0.6f}};
    private static final int PASSES = 3;

    @Test
    void focalLossGradientSurvivesGarbageCollection() {
        assertStableGradient(lossOf(new FocalLoss(2f)), LOGITS_INPUT);
    }

    @Test
    void labelSmoothingGradientSurvivesGarbageCollection() {
        assertStableGradient(lossOf(new LabelSmoothingCrossEntropy(0.1f)), LOGITS_INPUT);
    }

    @Test
    void weightedSumOfLossesGradientSurvivesGarbageCollection() {
        assertStableGradient(lossOf(Losses.create(LossConfig.focalPlusSmoothing())), LOGITS_INPUT);
    }

    @Test
    void distillationGradientSurvivesGarbageCollection() {
        Loss kd = new DistillationLoss(Losses.create(LossConfig.crossEntropy()), new Distillation("t", 0.7f, 2f));
        assertStableGradient((m, x) -> kd.evaluate(new NDList(m.create(LABELS), m.create(TEACHER)), new NDList(x)),
                LOGITS_INPUT);
    }

    @Test
    void stochasticDepthGradientSurvivesGarbageCollection() {
        try (NDManager params = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            MbConv block = new MbConv(4, 4, 8, 3, 1, 0.5f, false);
            Shape shape = new Shape(6, 4, 5, 5);
            block.initialize(params, DataType.FLOAT32, shape);
            float[] input = params.randomNormal(shape).toFloatArray();
            assertStableGradient((m, x) -> {
                Engine.getInstance().setRandomSeed(7); // the same drop-path mask in every pass
                return block.forward(new ParameterStore(m, false), new NDList(x), true).head().square().sum();
            }, m -> m.create(input, shape));
        }
    }

    private static BiFunction<NDManager, NDArray, NDArray> lossOf(Loss loss) {
        return (m, x) -> loss.evaluate(new NDList(m.create(LABELS)), new NDList(x));
    }

    /** The gradient with a collection between forward and backward equals the one without, in every pass. */
    private static void assertStableGradient(BiFunction<NDManager, NDArray, NDArray> f,
                                             Function<NDManager, NDArray> input) {
        float[] reference = gradient(f, input, false);
        assertThat(reference).as("reference gradient").isNotEmpty();
        float sumAbs = 0;
        for (float g : reference) {
            assertThat(g).isFinite();
            sumAbs += Math.abs(g);
        }
        assertThat(sumAbs).as("the gradient is not all zero").isPositive();
        for (int pass = 0; pass < PASSES; pass++) {
            assertThat(gradient(f, input, true)).as("pass %d with a garbage collection before backward", pass)
                    .containsExactly(reference);
        }
    }

    private static float[] gradient(BiFunction<NDManager, NDArray, NDArray> f, Function<NDManager, NDArray> input,
                                    boolean collect) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = input.apply(m);
            x.setRequiresGradient(true);
            try (var gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = f.apply(m, x);
                if (collect) {
                    collectAndReuseFreedMemory(m);
                }
                gc.backward(loss);
            }
            return x.getGradient().toFloatArray();
        }
    }

    /**
     * Runs the collector, waits for the cleaner thread to free unreachable direct buffers, then allocates
     * small arrays holding 123 so freed memory is reused with a value no loss uses.
     */
    private static void collectAndReuseFreedMemory(NDManager m) {
        System.gc();
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (int k = 0; k < 64; k++) {
            m.create(123f);
        }
    }
}
