package dev.deepfer.nn;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/** ResNet basic block (ResNet-18/34): 3x3 (stride) → 3x3, optional CBAM, ReLU after the addition. */
public final class BasicBlock extends ResidualBlock {

    public BasicBlock(int inChannels, int outChannels, int stride, boolean cbam) {
        super(branch(outChannels, stride, cbam), Projection.forShape(inChannels, outChannels, stride),
                true, Act.RELU, 0f);
    }

    private static Block branch(int out, int stride, boolean cbam) {
        SequentialBlock b = new SequentialBlock()
                .add(ConvBnAct.of(out, 3, stride, Act.RELU))
                .add(ConvBnAct.of(out, 3, 1, Act.NONE));
        if (cbam) {
            b.add(new Cbam(out));
        }
        return b;
    }
}
