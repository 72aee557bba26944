package dev.deepfer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * CBAM channel attention (Woo et al., ECCV 2018, eq. 2):
 * {@code M_c(F) = σ(MLP(AvgPool(F)) + MLP(MaxPool(F)))}, where the MLP is shared,
 * C → C/r → C with ReLU, and the output is {@code F ⊗ M_c(F)} broadcast over space.
 */
public final class ChannelAttention extends AbstractBlock {
    private final int channels;
    private final SequentialBlock mlp;

    /**
     * @param channels  channels of the input feature map
     * @param reduction MLP reduction ratio r (16 in the paper); the hidden width is at least 1
     */
    public ChannelAttention(int channels, int reduction) {
        this(channels, reduction, 0f);
    }

    /**
     * @param gateLogit initial pre-sigmoid value of every channel gate (0 = DJL's zero bias, gates start
     *                  near 0.5; 3 = gates start at 0.95, the module starts close to the identity). The
     *                  MLP runs twice (average and max), so each run's output bias is half of it.
     */
    public ChannelAttention(int channels, int reduction, float gateLogit) {
        if (channels <= 0 || reduction <= 0) {
            throw new IllegalArgumentException("channels and reduction must be positive, got "
                    + channels + " and " + reduction);
        }
        this.channels = channels;
        int hidden = Math.max(1, channels / reduction);
        Linear expand = Linear.builder().setUnits(channels).build();
        if (gateLogit != 0) {
            expand.setInitializer(new ConstantInitializer(gateLogit / 2), Parameter.Type.BIAS);
        }
        mlp = addChildBlock("mlp", new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation::relu)
                .add(expand));
    }

    /** The attention weights {@code M_c(F)}, shape [N, C, 1, 1], in (0, 1). */
    public NDArray weights(ParameterStore ps, NDArray features, boolean training) {
        long n = features.getShape().get(0);
        NDArray flat = features.reshape(n, channels, -1);
        NDArray avg = flat.mean(new int[] {2}); // PyTorch's engine reduces one axis at a time
        NDArray max = flat.max(new int[] {2});
        NDArray a = mlp.forward(ps, new NDList(avg), training).head();
        NDArray m = mlp.forward(ps, new NDList(max), training).head();
        return Activation.sigmoid(a.add(m)).reshape(n, channels, 1, 1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();
        return new NDList(x.mul(weights(ps, x, training)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        mlp.initialize(manager, dataType, new Shape(inputShapes[0].get(0), channels));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
