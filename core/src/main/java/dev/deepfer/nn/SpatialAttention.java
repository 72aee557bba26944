package dev.deepfer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * CBAM spatial attention (Woo et al., ECCV 2018, eq. 3):
 * {@code M_s(F) = σ(f^{7×7}([AvgPool_c(F); MaxPool_c(F)]))}, pooling across channels, and the
 * output is {@code F ⊗ M_s(F)} broadcast over channels. The map itself is exposed for
 * explanations, and handed to an {@link AttentionProbe} when the forward pass runs with one.
 */
public final class SpatialAttention extends AbstractBlock {
    private final int kernel;
    private final Conv2d conv;

    /** @param kernel odd kernel size of the spatial convolution (7 in the paper) */
    public SpatialAttention(int kernel) {
        this(kernel, 0f);
    }

    /**
     * @param kernel    odd kernel size of the spatial convolution (7 in the paper)
     * @param gateLogit initial bias of the convolution, i.e. the map's initial pre-sigmoid value
     */
    public SpatialAttention(int kernel, float gateLogit) {
        if (kernel <= 0 || kernel % 2 == 0) {
            throw new IllegalArgumentException("spatial attention kernel must be odd and positive, got "
                    + kernel);
        }
        this.kernel = kernel;
        int pad = kernel / 2;
        conv = addChildBlock("conv", Conv2d.builder()
                .setFilters(1)
                .setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(pad, pad))
                .build());
        if (gateLogit != 0) {
            conv.setInitializer(new ConstantInitializer(gateLogit), Parameter.Type.BIAS);
        }
    }

    public int kernel() {
        return kernel;
    }

    /** The attention map {@code M_s(F)}, shape [N, 1, H, W], in (0, 1). */
    public NDArray map(ParameterStore ps, NDArray features, boolean training) {
        NDArray avg = features.mean(new int[] {1}, true);
        NDArray max = features.max(new int[] {1}, true);
        NDArray pooled = NDArrays.concat(new NDList(avg, max), 1);
        return Activation.sigmoid(conv.forward(ps, new NDList(pooled), training).head());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray m = map(ps, x, training);
        if (ps instanceof AttentionProbe probe) {
            probe.record(this, m);
        }
        return new NDList(x.mul(m));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        conv.initialize(manager, dataType, new Shape(in.get(0), 2, in.get(2), in.get(3)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
