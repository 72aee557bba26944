package dev.deepfer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;

/**
 * Convolutional Block Attention Module (Woo et al., ECCV 2018): channel attention, then spatial
 * attention, {@code F' = M_c(F) ⊗ F}, {@code F'' = M_s(F') ⊗ F'}.
 */
public final class Cbam extends ChainBlock {
    /** Reduction ratio of the channel MLP used in the paper. */
    public static final int DEFAULT_REDUCTION = 16;
    /** Spatial kernel used in the paper. */
    public static final int DEFAULT_KERNEL = 7;

    private final ChannelAttention channel;
    private final SpatialAttention spatial;

    public Cbam(int channels) {
        this(channels, DEFAULT_REDUCTION, DEFAULT_KERNEL);
    }

    public Cbam(int channels, int reduction, int spatialKernel) {
        channel = addChildBlock("channel", new ChannelAttention(channels, reduction));
        spatial = addChildBlock("spatial", new SpatialAttention(spatialKernel));
    }

    public ChannelAttention channel() {
        return channel;
    }

    public SpatialAttention spatial() {
        return spatial;
    }

    /** The spatial attention map this module applies to {@code features}, [N, 1, H, W]. */
    public NDArray spatialMap(ParameterStore ps, NDArray features) {
        NDArray refined = channel.forward(ps, new NDList(features), false).head();
        return spatial.map(ps, refined, false);
    }
}
