package dev.deepfer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Constants for arithmetic that autograd records. Use {@code x.mul(Scalars.like(x, c))}, never
 * {@code x.mul(c)}, wherever {@code x} may require a gradient.
 *
 * <p>Why: DJL 0.36.0's {@code PtNDArray.mul(Number)} (also {@code div}, {@code pow}, {@code add},
 * {@code sub}) wraps the number in a tensor made by {@code torch::from_blob} over a direct
 * {@code ByteBuffer} that only the Java array keeps alive, and closes that array as soon as the
 * operation returns. Autograd keeps the tensor for the backward pass of {@code mul}, {@code div} and
 * {@code pow}, so once the garbage collector has freed the buffer, backward reads whatever the memory
 * holds by then: a wrong gradient, now and then NaN ({@code tools/DjlScalarGradientProbe.java};
 * {@code ScalarGradientTest}). A tensor from {@link ai.djl.ndarray.NDManager#full} is allocated and
 * owned by PyTorch, so it lives as long as the graph needs it. ({@code add} and {@code sub} read no
 * operand in backward; they are safe. {@code maximum(Number)} and {@code minimum(Number)}, e.g. in
 * DJL's {@code Activation.relu6}, have the same fault and are not used here.)
 */
public final class Scalars {

    private Scalars() {
    }

    /** A 0-dimensional array holding {@code value}, in {@code like}'s manager and data type. */
    public static NDArray like(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }
}
