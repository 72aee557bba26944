package dev.deepfer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each update rule against a double-precision transcription of its formula, on a one-unit linear
 * layer {@code y = w·x + b} with loss {@code y²/2}, so that the gradient {@code (y·x, y)} is known
 * by hand and changes as the weights move.
 */
class ParameterOptimizerTest {
    private static final double[] X = {1.0, -2.0, 0.5};
    private static final double[] W0 = {0.3, -0.2, 0.8};
    private static final double B0 = 0.1;
    private static final double TOLERANCE = 1e-6;

    private NDManager manager;
    private Linear layer;

    @BeforeEach
    void buildLayer() {
        manager = NDManager.newBaseManager();
        layer = Linear.builder().setUnits(1).build();
        layer.initialize(manager, DataType.FLOAT32, new Shape(1, X.length));
        setWeights(W0, B0);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray weight() {
        return layer.getParameters().get("weight").getArray();
    }

    private NDArray bias() {
        return layer.getParameters().get("bias").getArray();
    }

    private void setWeights(double[] w, double b) {
        float[] wf = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            wf[i] = (float) w[i];
        }
        weight().set(wf);
        bias().set(new float[] {(float) b});
    }

    /** Layer weights followed by the bias, as doubles. */
    private double[] current() {
        float[] w = weight().toFloatArray();
        double[] all = new double[w.length + 1];
        for (int i = 0; i < w.length; i++) {
            all[i] = w[i];
        }
        all[w.length] = bias().getFloat();
        return all;
    }

    /** Forward and backward of {@code y²/2} through DJL, leaving the gradients on the parameters. */
    private void backward() {
        try (NDManager scope = manager.newSubManager();
             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray x = scope.create(toFloats(X), new Shape(1, X.length));
            NDArray y = layer.forward(new ParameterStore(scope, false), new NDList(x), true).head();
            gc.backward(y.square().div(2).sum());
        }
    }

    /** The hand-computed gradient at {@code p = (w, b)}: {@code (y·x, y)}. */
    private static double[] gradient(double[] p) {
        double y = p[X.length];
        for (int i = 0; i < X.length; i++) {
            y += p[i] * X[i];
        }
        double[] g = new double[p.length];
        for (int i = 0; i < X.length; i++) {
            g[i] = y * X[i];
        }
        g[X.length] = y;
        return g;
    }

    private static double[] start() {
        double[] p = new double[X.length + 1];
        System.arraycopy(W0, 0, p, 0, X.length);
        p[X.length] = B0;
        return p;
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private ParameterOptimizer optimizer(OptimizerKind kind, float weightDecay, float momentum) {
        return new ParameterOptimizer(layer.getParameters(), kind, weightDecay, momentum, manager);
    }

    private void assertWeights(double[] expected, String when) {
        double[] actual = current();
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s, %s", when, i < X.length ? "w" + i : "b")
                    .isCloseTo(expected[i], within(TOLERANCE));
        }
    }

    /**
     * Textbook Adam (PyTorch's formula) in double precision, with L2 ({@code adamw = false}) or
     * decoupled decay applied to the 2-D weight only, never to the bias.
     */
    private static void referenceAdam(double[] p, double[] m, double[] v, int t, double lr, double wd,
                                      boolean adamw) {
        double[] g = gradient(p);
        for (int i = 0; i < p.length; i++) {
            double decay = i < X.length ? wd : 0;
            if (adamw) {
                p[i] -= lr * decay * p[i];
            } else {
                g[i] += decay * p[i];
            }
            m[i] = 0.9 * m[i] + 0.1 * g[i];
            v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
            double mHat = m[i] / (1 - Math.pow(0.9, t));
            double vHat = v[i] / (1 - Math.pow(0.999, t));
            p[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
        }
    }

    @Test
    void adamFirstStepMovesEveryWeightByTheLearningRateAgainstItsGradient() {
        float lr = 0.01f;
        double[] g = gradient(start());
        try (ParameterOptimizer opt = optimizer(OptimizerKind.ADAM, 0f, 0f)) {
            backward();
            opt.step(lr);
            assertThat(opt.steps()).isEqualTo(1);
        }
        double[] expected = start();
        for (int i = 0; i < expected.length; i++) {
            expected[i] -= lr * Math.signum(g[i]);
        }
        assertWeights(expected, "step 1");
    }

    @ParameterizedTest
    @EnumSource(value = OptimizerKind.class, names = {"ADAM", "ADAMW"})
    void adamMatchesTheReferenceOverThreeSteps(OptimizerKind kind) {
        float lr = 0.05f;
        float wd = 0.5f;
        double[] p = start();
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        try (ParameterOptimizer opt = optimizer(kind, wd, 0f)) {
            for (int t = 1; t <= 3; t++) {
                backward();
                opt.step(lr);
                referenceAdam(p, m, v, t, lr, wd, kind == OptimizerKind.ADAMW);
                assertWeights(p, kind + " step " + t);
            }
        }
    }

    /** On step 1 Adam's move is ±lr, so AdamW differs from it by exactly lr·wd·w on the weight, 0 on the bias. */
    @Test
    void adamwAlsoShrinksTheWeightButNotTheBias() {
        float lr = 0.01f;
        float wd = 0.5f;
        double[] g = gradient(start());
        try (ParameterOptimizer opt = optimizer(OptimizerKind.ADAMW, wd, 0f)) {
            backward();
            opt.step(lr);
        }
        double[] expected = start();
        for (int i = 0; i < expected.length; i++) {
            double decay = i < X.length ? lr * wd * expected[i] : 0;
            expected[i] -= decay + lr * Math.signum(g[i]);
        }
        assertWeights(expected, "step 1");
    }

    /** PyTorch's SGD(nesterov=True, dampening=0): g += wd·w; b = μ·b + g; w -= lr·(g + μ·b). */
    @Test
    void sgdNesterovMatchesPyTorchOverTwoSteps() {
        float lr = 0.1f;
        float wd = 0.01f;
        float mu = 0.9f;
        double[] p = start();
        double[] buffer = new double[p.length];
        try (ParameterOptimizer opt = optimizer(OptimizerKind.SGD_NESTEROV, wd, mu)) {
            for (int t = 1; t <= 2; t++) {
                backward();
                opt.step(lr);
                double[] g = gradient(p);
                for (int i = 0; i < p.length; i++) {
                    g[i] += (i < X.length ? wd : 0) * p[i];
                    buffer[i] = mu * buffer[i] + g[i];
                    p[i] -= lr * (g[i] + mu * buffer[i]);
                }
                assertWeights(p, "step " + t);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void gradientsAreZeroAfterAStep(OptimizerKind kind) {
        try (ParameterOptimizer opt = optimizer(kind, 0.01f, 0.9f)) {
            backward();
            double[] g = gradient(start());
            assertThat(weight().getGradient().toFloatArray()).as("gradient before the step")
                    .usingComparatorWithPrecision(1e-6f).containsExactly((float) g[0], (float) g[1], (float) g[2]);
            opt.step(0.01f);
        }
        assertThat(weight().getGradient().toFloatArray()).containsOnly(0f);
        assertThat(bias().getGradient().toFloatArray()).containsOnly(0f);
    }

    /**
     * Two steps in one optimiser equal one step, a save, the weights put back, a load into a
     * fresh optimiser and the second step there: the moments, buffers and step count survive.
     */
    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void savedStateContinuesExactly(OptimizerKind kind) throws IOException {
        byte[] saved;
        float[] weightAfterOne;
        float biasAfterOne;
        float[] weightAfterTwo;
        float biasAfterTwo;
        try (ParameterOptimizer opt = optimizer(kind, 0.01f, 0.9f)) {
            backward();
            opt.step(0.05f);
            weightAfterOne = weight().toFloatArray();
            biasAfterOne = bias().getFloat();
            saved = save(opt);
            backward();
            opt.step(0.05f);
            weightAfterTwo = weight().toFloatArray();
            biasAfterTwo = bias().getFloat();
        }
        weight().set(weightAfterOne);
        bias().set(new float[] {biasAfterOne});
        try (ParameterOptimizer fresh = optimizer(kind, 0.01f, 0.9f)) {
            fresh.load(new DataInputStream(new ByteArrayInputStream(saved)));
            assertThat(fresh.steps()).isEqualTo(1);
            backward();
            fresh.step(0.05f);
        }
        assertThat(weight().toFloatArray()).containsExactly(weightAfterTwo);
        assertThat(bias().getFloat()).isEqualTo(biasAfterTwo);
    }

    @Test
    void stateOfAnotherOptimiserIsRefused() throws IOException {
        byte[] saved;
        try (ParameterOptimizer adam = optimizer(OptimizerKind.ADAM, 0f, 0f)) {
            backward();
            adam.step(0.01f);
            saved = save(adam);
        }
        try (ParameterOptimizer sgd = optimizer(OptimizerKind.SGD_NESTEROV, 0f, 0.9f)) {
            assertThatThrownBy(() -> sgd.load(new DataInputStream(new ByteArrayInputStream(saved))))
                    .isInstanceOf(IOException.class).hasMessageContaining("ADAM").hasMessageContaining("SGD_NESTEROV");
        }
    }

    @Test
    void stateOfAnotherNetworkIsRefused() throws IOException {
        byte[] saved;
        try (ParameterOptimizer adam = optimizer(OptimizerKind.ADAM, 0f, 0f)) {
            saved = save(adam);
        }
        Linear wider = Linear.builder().setUnits(2).build();
        wider.initialize(manager, DataType.FLOAT32, new Shape(1, X.length));
        try (ParameterOptimizer other = new ParameterOptimizer(wider.getParameters(), OptimizerKind.ADAM, 0f, 0f,
                manager)) {
            assertThatThrownBy(() -> other.load(new DataInputStream(new ByteArrayInputStream(saved))))
                    .isInstanceOf(IOException.class).hasMessageContaining("does not match");
        }
    }

    private static byte[] save(ParameterOptimizer opt) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            opt.save(out);
        }
        return bytes.toByteArray();
    }
}
