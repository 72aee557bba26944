package dev.deepfer.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Convolution (no bias) → batch norm → activation, "same" padding: the unit every network here is
 * made of.
 */
public final class ConvBnAct extends ChainBlock {
    private final Act act;

    private ConvBnAct(int outChannels, int kernel, int stride, int groups, int dilation, Act act) {
        if (outChannels <= 0 || kernel <= 0 || stride <= 0 || groups <= 0 || dilation <= 0) {
            throw new IllegalArgumentException("ConvBnAct needs positive sizes, got channels="
                    + outChannels + " kernel=" + kernel + " stride=" + stride + " groups=" + groups
                    + " dilation=" + dilation);
        }
        this.act = act;
        int pad = (kernel - 1) / 2 * dilation;
        addChildBlock("conv", Conv2d.builder()
                .setFilters(outChannels)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(pad, pad))
                .optDilation(new Shape(dilation, dilation))
                .optGroups(groups)
                .optBias(false)
                .build());
        addChildBlock("bn", new ChannelBatchNorm());
    }

    /** A plain convolution unit. */
    public static ConvBnAct of(int outChannels, int kernel, int stride, Act act) {
        return new ConvBnAct(outChannels, kernel, stride, 1, 1, act);
    }

    /** A depthwise convolution unit ({@code groups = channels}). */
    public static ConvBnAct depthwise(int channels, int kernel, int stride, Act act) {
        return new ConvBnAct(channels, kernel, stride, channels, 1, act);
    }

    /** A dilated convolution unit (stride 1), for wide receptive fields at no extra cost. */
    public static ConvBnAct dilated(int outChannels, int kernel, int dilation, Act act) {
        return new ConvBnAct(outChannels, kernel, 1, 1, dilation, act);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(act.apply(forwardChain(ps, inputs, training, params).head()));
    }
}
