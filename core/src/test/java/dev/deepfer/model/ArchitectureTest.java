package dev.deepfer.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.deepfer.nn.CbamPlacement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchitectureTest {

    private static long count(Architecture arch, NetworkOptions options, int size) {
        try (NDManager m = NDManager.newBaseManager()) {
            FerNetwork net = arch.build(options);
            net.initialize(m, DataType.FLOAT32, new Shape(1, options.inputChannels(), size, size));
            return Networks.trainableParameters(net);
        }
    }

    @ParameterizedTest(name = "{0} with {1} channels, {2} classes has {3} parameters")
    @CsvSource({
        "resnet50, 1, 7, 23516103",
        "resnet50, 3, 1000, 25557032",
        "efficientnet-b3, 1, 7, 10706271",
        "efficientnet-b3, 3, 1000, 12233232",
        "resnet18, 3, 1000, 11689512",
        "efficientnet-b0, 3, 1000, 5288548",
    })
    void parameterCountsEqualTheReferenceImplementations(String name, int channels, int classes, long expected) {
        NetworkOptions options = NetworkOptions.faces(CbamPlacement.NONE, Stem.IMAGENET)
                .withClasses(classes, channels);
        assertThat(count(Architecture.of(name), options, 64)).isEqualTo(expected);
    }

    @Test
    void cbamAddsParametersAndStageIsCheaperThanBlock() {
        NetworkOptions none = NetworkOptions.faces(CbamPlacement.NONE, Stem.IMAGENET);
        long plain = count(Architecture.RESNET50, none, 48);
        long block = count(Architecture.RESNET50, none.withCbam(CbamPlacement.BLOCK), 48);
        long stage = count(Architecture.RESNET50, none.withCbam(CbamPlacement.STAGE), 48);
        assertThat(block).isGreaterThan(stage);
        assertThat(stage).isGreaterThan(plain);
    }

    /** Batch 8: stochastic depth (p <= 0.2) then drops a block's whole batch with p <= 3e-6. */
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void forwardGivesFiniteLogitsAndEveryParameterGetsAGradient(Architecture arch) {
        NetworkOptions options = NetworkOptions.faces(arch.defaultCbam(), Stem.IMAGENET);
        try (NDManager m = NDManager.newBaseManager()) {
            FerNetwork net = arch.build(options);
            net.initialize(m, DataType.FLOAT32, new Shape(8, 1, 48, 48));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(8, 1, 48, 48));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = net.forward(ps, new NDList(x), true).head();
                assertThat(logits.getShape()).isEqualTo(new Shape(8, 7));
                float[] values = logits.toFloatArray();
                for (float v : values) {
                    assertThat(Float.isFinite(v)).isTrue();
                }
                gc.backward(logits.pow(2).sum());
            }
            for (var entry : net.getParameters()) {
                Parameter p = entry.getValue();
                if (!p.requiresGradient()) {
                    continue;
                }
                NDArray g = p.getArray().getGradient();
                assertThat(g.abs().sum().getFloat())
                        .as("gradient of %s in %s", entry.getKey(), arch.id())
                        .isGreaterThan(0f);
            }
            NDArray eval = net.forward(ps, new NDList(x), false).head();
            assertThat(eval.getShape()).isEqualTo(new Shape(8, 7));
        }
    }

    @Test
    void unknownNameListsValidOnes() {
        assertThatThrownBy(() -> Architecture.of("vgg16"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vgg16")
                .hasMessageContaining("resnet50-cbam")
                .hasMessageContaining("multiscale-cnn-cbam");
    }

    @Test
    void makeDivisibleMatchesTorchvision() {
        assertThat(EfficientNet.makeDivisible(38.4, 8)).isEqualTo(40);
        assertThat(EfficientNet.makeDivisible(19.2, 8)).isEqualTo(24);
        assertThat(EfficientNet.makeDivisible(134.4, 8)).isEqualTo(136);
        assertThat(EfficientNet.makeDivisible(230.4, 8)).isEqualTo(232);
    }
}
