package dev.deepfer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;

/**
 * The gradients of a network's trainable parameters after a backward pass: their global L2 norm
 * (one reduction per parameter, one value read back), clipping by that norm (as PyTorch's
 * {@code clip_grad_norm_}), and, when something is not finite, the names of the parameters at fault,
 * so a diverging run says where it diverged.
 */
final class Gradients {
    private final List<String> names = new ArrayList<>();
    private final List<Parameter> params = new ArrayList<>();
    private final PairList<String, Parameter> all;

    Gradients(PairList<String, Parameter> parameters) {
        this.all = parameters;
        for (Pair<String, Parameter> p : parameters) {
            if (p.getValue().requiresGradient()) {
                names.add(p.getKey());
                params.add(p.getValue());
            }
        }
    }

    /** Global L2 norm over every gradient; NaN or infinite when any gradient element is. */
    float globalNorm(NDManager scope) {
        try (NDManager m = scope.newSubManager()) {
            NDArray total = m.zeros(new Shape());
            for (Parameter p : params) {
                NDArray g = p.getArray().getGradient();
                g.attach(m); // the handle (not the gradient) is closed with m
                total = total.add(g.square().sum());
            }
            return (float) Math.sqrt(total.getFloat());
        }
    }

    /** Multiplies every gradient by {@code factor} in place. */
    void scale(float factor) {
        for (Parameter p : params) {
            try (NDArray g = p.getArray().getGradient()) {
                g.muli(factor);
            }
        }
    }

    /**
     * Sets every gradient to zero, NaN and infinity included (multiplying by zero would keep NaN).
     * This is PyTorch's own {@code grad.zero_()}: {@code NDArray.set} on a gradient handle must not be
     * used, because the engine then points the gradient at a Java buffer that is freed once the
     * handle is gone (heap corruption on the next backward pass).
     */
    void zero() {
        for (Parameter p : params) {
            JniUtils.zeroGrad((PtNDArray) p.getArray());
        }
    }

    /**
     * Clips the gradients to global norm {@code maxNorm} (a no-op below it) and returns the norm
     * before clipping.
     */
    float clip(NDManager scope, float maxNorm) {
        float norm = globalNorm(scope);
        if (Float.isFinite(norm) && norm > maxNorm) {
            scale(maxNorm / norm);
        }
        return norm;
    }

    /** Names of the parameters whose gradient holds a NaN or infinity, in network order. */
    List<String> nonFiniteGradients() {
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            if (!finiteGradient(params.get(i))) {
                bad.add(names.get(i));
            }
        }
        return bad;
    }

    /**
     * Names of the parameters (trainable or not, e.g. batch-norm statistics) whose value holds a NaN
     * or infinity, in network order.
     */
    List<String> nonFiniteValues() {
        List<String> bad = new ArrayList<>();
        for (Pair<String, Parameter> p : all) {
            if (p.getValue().isInitialized() && !finite(p.getValue().getArray())) {
                bad.add(p.getKey());
            }
        }
        return bad;
    }

    /** Whether every element is finite; {@code a} is left as it is, temporaries are closed. */
    private static boolean finite(NDArray a) {
        try (NDManager m = a.getManager().newSubManager()) {
            NDArray abs = a.abs();
            abs.attach(m);
            return Float.isFinite(abs.max().getFloat());
        }
    }

    /** {@link #finite} of a gradient, closing the gradient's handle. */
    private static boolean finiteGradient(Parameter p) {
        try (NDArray g = p.getArray().getGradient()) {
            return finite(g);
        }
    }
}
