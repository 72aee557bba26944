package dev.deepfer.nn;

import ai.djl.nn.Block;

/** Skip-path projections for residual blocks. */
final class Projection {
    private Projection() {
    }

    /** A strided 1x1 conv + BN when the shape changes, {@code null} (identity) when it does not. */
    static Block forShape(int inChannels, int outChannels, int stride) {
        return stride == 1 && inChannels == outChannels ? null : ConvBnAct.of(outChannels, 1, stride, Act.NONE);
    }
}
