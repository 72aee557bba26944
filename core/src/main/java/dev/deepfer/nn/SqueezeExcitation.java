package dev.deepfer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Squeeze-and-excitation (Hu et al., 2018) as in EfficientNet: global average pool → 1x1 conv
 * (squeeze, SiLU) → 1x1 conv (expand, sigmoid) → channel-wise scale of the input.
 */
public final class SqueezeExcitation extends ChainBlock {

    public SqueezeExcitation(int channels, int squeezeChannels) {
        addChildBlock("reduce", conv1x1(squeezeChannels));
        addChildBlock("expand", conv1x1(channels));
    }

    private static Conv2d conv1x1(int filters) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(1, 1)).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();
        Shape shape = x.getShape();
        NDArray s = Pool.globalAvgPool2d(x).reshape(shape.get(0), shape.get(1), 1, 1);
        s = Act.SILU.apply(children.get(0).getValue().forward(ps, new NDList(s), training).head());
        s = Activation.sigmoid(children.get(1).getValue().forward(ps, new NDList(s), training).head());
        return new NDList(x.mul(s));
    }

    @Override
    protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, ai.djl.ndarray.types.DataType dataType,
                                         Shape... inputShapes) {
        Shape pooled = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), 1, 1);
        super.initializeChildBlocks(manager, dataType, pooled);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
