package dev.deepfer.nn;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/**
 * ResNet bottleneck (He et al., 2016; torchvision "v1.5": stride on the 3x3):
 * 1x1 (width) → 3x3 (width, stride) → 1x1 (4·width), optional CBAM on the branch before the
 * addition, ReLU after it.
 */
public final class Bottleneck extends ResidualBlock {
    /** Output channels are {@code EXPANSION * width}. */
    public static final int EXPANSION = 4;

    public Bottleneck(int inChannels, int width, int stride, boolean cbam) {
        super(branch(width, stride, cbam), Projection.forShape(inChannels, width * EXPANSION, stride),
                true, Act.RELU, 0f);
    }

    private static Block branch(int width, int stride, boolean cbam) {
        SequentialBlock b = new SequentialBlock()
                .add(ConvBnAct.of(width, 1, 1, Act.RELU))
                .add(ConvBnAct.of(width, 3, stride, Act.RELU))
                .add(ConvBnAct.of(width * EXPANSION, 1, 1, Act.NONE));
        if (cbam) {
            b.add(new Cbam(width * EXPANSION));
        }
        return b;
    }
}
