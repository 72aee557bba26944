package dev.deepfer.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.deepfer.model.FerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Grad-CAM's gradient plumbing against the closed form it must equal for a pooled linear head. */
class GradCamTest {
    private static final int N = 3;

    private NDManager manager;
    private FerNetwork net;
    private float[] images;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        net = TinyModels.network(manager, 3);
        Random r = new Random(5);
        images = new float[N * TinyModels.SIZE * TinyModels.SIZE];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) r.nextGaussian();
        }
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    /**
     * The head is global average pooling then a linear layer, so {@code d y_c / dA_kij = W_ck / HW}
     * and Grad-CAM must be exactly {@code ReLU(sum_k W_ck A_k) / HW} (Selvaraju et al.: Grad-CAM
     * generalises CAM). Computed here without autograd, from the feature map and the head's weight.
     */
    @Test
    void gradCamOfAPooledLinearHeadEqualsTheClassActivationMap() {
        GradCam cam = new GradCam(net, TinyModels.SIZE, -1);
        GradCam.Maps maps = cam.run(images, N, CamMethod.GRAD_CAM);

        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(images, new Shape(N, 1, TinyModels.SIZE, TinyModels.SIZE));
            NDArray a = net.features().forward(new ParameterStore(scope, false), new NDList(x), false).head();
            Shape s = a.getShape();
            int channels = (int) s.get(1);
            int area = (int) (s.get(2) * s.get(3));
            float[] act = a.toFloatArray();
            float[] w = linearWeight(net.head()).toFloatArray();
            assertThat(maps.camWidth() * maps.camHeight()).isEqualTo(area);
            for (int i = 0; i < N; i++) {
                for (int c = 0; c < 7; c++) {
                    for (int p = 0; p < area; p++) {
                        double sum = 0;
                        for (int k = 0; k < channels; k++) {
                            sum += w[c * channels + k] * act[(i * channels + k) * area + p];
                        }
                        double expected = Math.max(0, sum) / area;
                        assertThat((double) maps.cams()[i][c][p]).as("image %d class %d cell %d", i, c, p)
                                .isCloseTo(expected, within(1e-5 + 1e-4 * Math.abs(expected)));
                    }
                }
            }
            float[] logits = net.forward(new ParameterStore(scope, false), new NDList(x), false).head().toFloatArray();
            for (int i = 0; i < N; i++) {
                for (int c = 0; c < 7; c++) {
                    assertThat(maps.logits()[i][c]).isCloseTo(logits[i * 7 + c], within(1e-4f));
                }
            }
        }
    }

    @Test
    void anEarlierLayerGivesAFinerMapAndEveryCbamStageIsRecorded() {
        GradCam last = new GradCam(net, TinyModels.SIZE, -1);
        GradCam earlier = new GradCam(net, TinyModels.SIZE, -3);
        GradCam.Maps coarse = last.run(images, N, CamMethod.GRAD_CAM);
        GradCam.Maps fine = earlier.run(images, N, CamMethod.GRAD_CAM);

        assertThat(coarse.camWidth()).isEqualTo(2);
        assertThat(fine.camWidth()).isEqualTo(4);
        assertThat(last.attentionStages()).containsExactly(1, 2, 3, 4);
        assertThat(coarse.attention().keySet()).containsExactly(1, 2, 3, 4);
        for (float[][] perFace : coarse.attention().values()) {
            assertThat(perFace).hasNumberOfRows(N);
            for (float v : perFace[0]) {
                assertThat(v).isBetween(0f, 1f);
            }
            assertThat(perFace[0]).hasSize(TinyModels.SIZE * TinyModels.SIZE);
        }
        assertThat(fine.logits()[1]).containsExactly(coarse.logits()[1], within(1e-4f));
    }

    /**
     * The stride of a cut is measured, not inferred from the input side: at 44 px the stride-2 stem
     * and floor pools give a 2x2 last stage whose cells are 16 pixels apart (44 / 2 = 22 would draw
     * them stretched over the crop); the small stem halves once less.
     */
    @Test
    void theExplainedMapsStrideIsMeasuredThroughTheFloorPools() {
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(3);
            FerNetwork stride2 = dev.deepfer.model.Architecture.MULTISCALE_CNN_CBAM.build(
                    dev.deepfer.model.NetworkOptions.faces(dev.deepfer.nn.CbamPlacement.BLOCK,
                            dev.deepfer.model.Stem.IMAGENET));
            stride2.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 1, 44, 44));
            GradCam last = new GradCam(stride2, 44, -1);
            float[] faces44 = new float[2 * 44 * 44];
            GradCam.Maps maps = last.run(faces44, 2, CamMethod.GRAD_CAM);
            assertThat(maps.camWidth()).isEqualTo(2);
            assertThat(maps.camStride()).isEqualTo(16.0);
            assertThat(new GradCam(stride2, 44, -3).camStride()).isEqualTo(8.0);
        }
        assertThat(new GradCam(net, TinyModels.SIZE, -1).camStride()).as("small stem").isEqualTo(8.0);
    }

    @Test
    void aLayerOutsideTheFeaturesIsRefusedWithTheValidRange() {
        assertThatThrownBy(() -> new GradCam(net, TinyModels.SIZE, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..4");
        assertThatThrownBy(() -> new GradCam(net, TinyModels.SIZE, -6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer -6");
    }

    private static NDArray linearWeight(Block head) {
        for (var p : head.getParameters()) {
            if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                return p.getValue().getArray();
            }
        }
        throw new AssertionError("the head has no weight");
    }
}
