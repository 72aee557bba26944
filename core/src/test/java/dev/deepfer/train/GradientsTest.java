package dev.deepfer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GradientsTest {

    /** y = w·x summed, so dL/dw = x: with x = (3, 4) the global norm is 5. */
    private static Linear backward(NDManager m, float... x) {
        Linear linear = Linear.builder().setUnits(1).optBias(false).build();
        linear.initialize(m, DataType.FLOAT32, new Shape(1, x.length));
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = linear.forward(new ParameterStore(m, false), new NDList(m.create(x).reshape(1, x.length)), true)
                    .head();
            gc.backward(y.sum());
        }
        return linear;
    }

    private static float[] gradient(Linear linear) {
        try (NDArray g = linear.getParameters().get(0).getValue().getArray().getGradient()) {
            return g.toFloatArray();
        }
    }

    @Test
    void globalNormIsTheL2NormOfEveryGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear linear = backward(m, 3f, 4f);
            Gradients gradients = new Gradients(linear.getParameters());
            assertThat(gradients.globalNorm(m)).isCloseTo(5f, within(1e-5f));
            assertThat(gradient(linear)).containsExactly(3f, 4f);
            assertThat(gradients.nonFiniteGradients()).isEmpty();
            assertThat(gradients.nonFiniteValues()).isEmpty();
        }
    }

    @Test
    void clippingScalesToTheMaximumNormAndLeavesSmallGradientsAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear linear = backward(m, 3f, 4f);
            Gradients gradients = new Gradients(linear.getParameters());
            assertThat(gradients.clip(m, 1f)).isCloseTo(5f, within(1e-5f));
            float[] g = gradient(linear);
            assertThat(g[0]).isCloseTo(0.6f, within(1e-6f));
            assertThat(g[1]).isCloseTo(0.8f, within(1e-6f));
            assertThat(gradients.clip(m, 10f)).isCloseTo(1f, within(1e-5f));
            assertThat(gradient(linear)[1]).isCloseTo(0.8f, within(1e-6f));
        }
    }

    @Test
    void nonFiniteGradientsAreNamed() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear linear = backward(m, 1f, Float.NaN);
            Gradients gradients = new Gradients(linear.getParameters());
            assertThat(gradients.globalNorm(m)).isNaN();
            assertThat(gradients.nonFiniteGradients()).containsExactly("weight");
            assertThat(gradients.clip(m, 1f)).isNaN();
        }
    }

    @Test
    void zeroClearsNonFiniteGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear linear = backward(m, Float.POSITIVE_INFINITY, Float.NaN);
            Gradients gradients = new Gradients(linear.getParameters());
            gradients.zero();
            assertThat(gradient(linear)).containsExactly(0f, 0f);
            assertThat(gradients.globalNorm(m)).isZero();
            assertThat(gradients.nonFiniteGradients()).isEmpty();
        }
    }

    @Test
    void describeShowsThreeNamesAndCountsTheRest() {
        assertThat(TrainingRun.describe(List.of("a", "b"))).isEqualTo("a, b");
        assertThat(TrainingRun.describe(List.of("a", "b", "c", "d", "e"))).isEqualTo("a, b, c and 2 more");
        assertThat(TrainingRun.describe(List.of())).contains("overflowed");
    }
}
