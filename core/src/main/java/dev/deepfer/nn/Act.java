package dev.deepfer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** Activation functions used by the networks; a typed switch instead of lambdas so specs stay data. */
public enum Act {
    /** Identity. */
    NONE,
    /** max(0, x). */
    RELU,
    /** SiLU / swish: x * sigmoid(x) (EfficientNet). */
    SILU;

    /** Applies the activation. */
    public NDArray apply(NDArray x) {
        return switch (this) {
            case NONE -> x;
            case RELU -> Activation.relu(x);
            case SILU -> x.mul(Activation.sigmoid(x));
        };
    }
}
