package dev.deepfer.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AttentionProbeTest {

    /** The probe sees exactly the map {@link Cbam#spatialMap} computes, and changes nothing. */
    @Test
    void probeRecordsTheSpatialMapEachCbamApplies() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(4);
            Cbam first = new Cbam(16);
            Cbam second = new Cbam(16);
            first.initialize(m, DataType.FLOAT32, new Shape(2, 16, 6, 6));
            second.initialize(m, DataType.FLOAT32, new Shape(2, 16, 6, 6));
            NDArray x = m.randomNormal(new Shape(2, 16, 6, 6));

            AttentionProbe probe = new AttentionProbe(m);
            NDArray y = first.forward(probe, new NDList(x), false).head();
            NDArray z = second.forward(probe, new NDList(y), false).head();

            ParameterStore plain = new ParameterStore(m, false);
            assertThat(probe.maps()).hasSize(2);
            assertThat(probe.maps().get(0).module()).isSameAs(first.spatial());
            assertThat(probe.maps().get(1).module()).isSameAs(second.spatial());
            assertThat(probe.maps().get(0).map().getShape()).isEqualTo(new Shape(2, 1, 6, 6));
            assertThat(probe.maps().get(0).map().toFloatArray())
                    .containsExactly(first.spatialMap(plain, x).toFloatArray(), within(1e-6f));
            assertThat(probe.maps().get(1).map().toFloatArray())
                    .containsExactly(second.spatialMap(plain, y).toFloatArray(), within(1e-6f));
            NDArray unprobed = second.forward(plain, first.forward(plain, new NDList(x), false), false).head();
            assertThat(z.toFloatArray()).containsExactly(unprobed.toFloatArray(), within(1e-6f));
        }
    }
}
