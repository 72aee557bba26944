package dev.deepfer.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/** Small facts about built networks. */
public final class Networks {
    private Networks() {
    }

    /**
     * Number of trainable parameters (batch-norm running statistics excluded, as PyTorch counts
     * them). The block must be initialised.
     */
    public static long trainableParameters(Block block) {
        long n = 0;
        for (Parameter p : block.getParameters().values()) {
            if (p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR) {
                n += p.getArray().getShape().size();
            }
        }
        return n;
    }
}
