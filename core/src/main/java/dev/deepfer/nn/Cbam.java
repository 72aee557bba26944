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

    /**
     * Initial gate logit of {@link #nearIdentity}: both gates start at σ(3) = 0.95 instead of about
     * 0.5. Measured on EfficientNet-B3 ({@code deepfer bench gradients}: 44-pixel grey input, batch
     * 64, seed 42), CBAM per block with zero-bias gates makes the global gradient norm at
     * initialisation 26,340 against 34 without CBAM (each gate halves the linear residual stream that
     * batch norm then rescales); with 0.95 gates it is 36 (docs/BUDGET_STUDY.md).
     */
    public static final float NEAR_IDENTITY_GATE_LOGIT = 3f;

    public Cbam(int channels) {
        this(channels, DEFAULT_REDUCTION, DEFAULT_KERNEL);
    }

    /** CBAM whose gates start near 1, for networks with a linear residual stream (MBConv). */
    public static Cbam nearIdentity(int channels) {
        return new Cbam(channels, DEFAULT_REDUCTION, DEFAULT_KERNEL, NEAR_IDENTITY_GATE_LOGIT);
    }

    public Cbam(int channels, int reduction, int spatialKernel) {
        this(channels, reduction, spatialKernel, 0f);
    }

    /** @param gateLogit initial pre-sigmoid value of both gates (0: DJL's zero biases) */
    public Cbam(int channels, int reduction, int spatialKernel, float gateLogit) {
        channel = addChildBlock("channel", new ChannelAttention(channels, reduction, gateLogit));
        spatial = addChildBlock("spatial", new SpatialAttention(spatialKernel, gateLogit));
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
