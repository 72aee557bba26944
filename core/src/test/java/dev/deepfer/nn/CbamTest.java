package dev.deepfer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.deepfer.model.Architecture;
import dev.deepfer.model.NetworkOptions;
import dev.deepfer.model.Stem;
import dev.deepfer.train.GradientCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CbamTest {
    private static final Shape MAP = new Shape(2, 32, 5, 5);

    /** On an all-zero map every gate is σ(bias): the known answer of each initialisation. */
    private static float[] gatesOnZeros(Cbam cbam, NDManager m) {
        cbam.initialize(m, DataType.FLOAT32, MAP);
        ParameterStore ps = new ParameterStore(m, false);
        NDArray zeros = m.zeros(MAP);
        NDArray channel = cbam.channel().weights(ps, zeros, false);
        NDArray spatial = cbam.spatial().map(ps, zeros, false);
        return new float[] {channel.min().getFloat(), channel.max().getFloat(), spatial.min().getFloat(),
                spatial.max().getFloat()};
    }

    @Test
    void paperInitialisationStartsGatesAtOneHalf() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(gatesOnZeros(new Cbam(32), m)).containsOnly(0.5f);
        }
    }

    @Test
    void nearIdentityInitialisationStartsGatesAtSigmoidOfThree() {
        float expected = (float) (1 / (1 + Math.exp(-Cbam.NEAR_IDENTITY_GATE_LOGIT)));
        try (NDManager m = NDManager.newBaseManager()) {
            for (float gate : gatesOnZeros(Cbam.nearIdentity(32), m)) {
                assertThat(gate).isCloseTo(expected, within(1e-6f));
            }
        }
    }

    @Test
    void nearIdentityKeepsTheParameterCount() {
        try (NDManager m = NDManager.newBaseManager()) {
            Cbam plain = new Cbam(32);
            Cbam near = Cbam.nearIdentity(32);
            plain.initialize(m, DataType.FLOAT32, MAP);
            near.initialize(m, DataType.FLOAT32, MAP);
            assertThat(count(near)).isEqualTo(count(plain)).isPositive();
        }
    }

    /**
     * The reason for the near-identity gates: with CBAM in every MBConv block, EfficientNet-B3's
     * gradient at initialisation must stay on the scale of the attention-off network (with
     * zero-bias gates it was 300 times larger, and training produced NaN gradients).
     */
    @Test
    void efficientNetWithCbamPerBlockHasTheGradientScaleOfThePlainNetwork() {
        float plain = initialGradientNorm(CbamPlacement.NONE);
        float block = initialGradientNorm(CbamPlacement.BLOCK);
        assertThat(plain).isPositive().isFinite();
        assertThat(block).isFinite().isLessThan(3 * plain);
    }

    private static float initialGradientNorm(CbamPlacement placement) {
        return GradientCheck.run(Architecture.EFFICIENTNET_B3, NetworkOptions.faces(placement, Stem.IMAGENET), 16, 44,
                1, 0, 42).first();
    }

    private static long count(Cbam cbam) {
        long n = 0;
        for (Pair<String, Parameter> p : cbam.getParameters()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }
}
