package dev.deepfer.nn;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/**
 * Mobile inverted bottleneck (MBConv, Tan &amp; Le 2019, as in torchvision's EfficientNet):
 * 1x1 expansion (skipped when the ratio is 1) → depthwise k×k (stride) → squeeze-excitation
 * (squeeze = in/4) → 1x1 projection, optional CBAM, identity residual with stochastic depth when
 * stride is 1 and channels are kept.
 */
public final class MbConv extends ResidualBlock {

    /**
     * @param in       input channels
     * @param out      output channels
     * @param expanded channels after expansion (already rounded)
     * @param kernel   depthwise kernel size
     * @param stride   depthwise stride
     * @param dropPath stochastic-depth probability of this block
     * @param cbam     CBAM on the branch before the residual addition
     */
    public MbConv(int in, int out, int expanded, int kernel, int stride, float dropPath, boolean cbam) {
        super(branch(in, out, expanded, kernel, stride, cbam), null, stride == 1 && in == out, Act.NONE,
                dropPath);
    }

    private static Block branch(int in, int out, int expanded, int kernel, int stride, boolean cbam) {
        SequentialBlock b = new SequentialBlock();
        if (expanded != in) {
            b.add(ConvBnAct.of(expanded, 1, 1, Act.SILU));
        }
        b.add(ConvBnAct.depthwise(expanded, kernel, stride, Act.SILU))
                .add(new SqueezeExcitation(expanded, Math.max(1, in / 4)))
                .add(ConvBnAct.of(out, 1, 1, Act.NONE));
        if (cbam) {
            b.add(Cbam.nearIdentity(out));
        }
        return b;
    }
}
