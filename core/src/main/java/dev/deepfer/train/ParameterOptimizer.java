package dev.deepfer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam / AdamW / SGD-Nesterov over a network's trainable parameters, owning its state (moments,
 * momentum buffers, step count) so that a checkpoint can save and restore it exactly — DJL's own
 * optimisers keep that state private. Adam uses PyTorch's fused update; weight decay is applied
 * only to weights with two or more dimensions (not to biases or batch-norm scales).
 */
public final class ParameterOptimizer implements AutoCloseable {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final OptimizerKind kind;
    private final float weightDecay;
    private final float momentum;
    private final NDManager manager;
    private final List<Parameter> params = new ArrayList<>();
    private final List<NDArray[]> state = new ArrayList<>();
    private long steps;

    /**
     * @param parameters  the network's parameters (running statistics and frozen ones are skipped)
     * @param kind        the update rule
     * @param weightDecay L2 (Adam, SGD) or decoupled (AdamW) weight decay
     * @param momentum    SGD momentum (ignored by Adam)
     * @param parent      manager under which the state arrays live
     */
    public ParameterOptimizer(PairList<String, Parameter> parameters, OptimizerKind kind, float weightDecay,
                              float momentum, NDManager parent) {
        this.kind = kind;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
        this.manager = parent.newSubManager();
        for (Pair<String, Parameter> p : parameters) {
            Parameter param = p.getValue();
            if (!param.requiresGradient()) {
                continue;
            }
            NDArray w = param.getArray();
            params.add(param);
            int slots = kind == OptimizerKind.SGD_NESTEROV ? 1 : 2;
            NDArray[] s = new NDArray[slots];
            for (int i = 0; i < slots; i++) {
                s[i] = manager.zeros(w.getShape(), w.getDataType());
            }
            state.add(s);
        }
    }

    /** Number of updates applied so far. */
    public long steps() {
        return steps;
    }

    /** Applies one update with learning rate {@code lr} and clears the gradients. */
    public void step(float lr) {
        steps++;
        float biasCorrected = (float) (lr * Math.sqrt(1 - Math.pow(BETA2, steps)) / (1 - Math.pow(BETA1, steps)));
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i).getArray();
            NDArray[] s = state.get(i);
            float wd = w.getShape().dimension() > 1 ? weightDecay : 0f;
            try (NDArray g = w.getGradient()) {
                if (kind == OptimizerKind.SGD_NESTEROV) {
                    sgdNesterov(w, g, s[0], lr, wd);
                } else {
                    w.getNDArrayInternal().adamUpdate(new NDList(w, g, s[0], s[1]), new NDList(w), lr,
                            biasCorrected, wd, 1f, -1f, BETA1, BETA2, EPSILON, true, kind == OptimizerKind.ADAMW);
                }
            }
        }
    }

    /** PyTorch's Nesterov SGD: g += wd·w; b = μ·b + g; w -= lr·(g + μ·b). */
    private void sgdNesterov(NDArray w, NDArray g, NDArray buffer, float lr, float wd) {
        try (NDArray grad = g.duplicate()) {
            if (wd > 0) {
                try (NDArray decay = w.mul(wd)) {
                    grad.addi(decay);
                }
            }
            buffer.muli(momentum).addi(grad);
            try (NDArray look = buffer.mul(momentum); NDArray update = look.addi(grad)) {
                // The fused SGD step (no momentum) applies w -= lr * update and zeroes w's gradient.
                w.getNDArrayInternal().sgdUpdate(new NDList(w, update), new NDList(w), lr, 0f, 1f, -1f, 0f, true);
            }
        }
    }

    /** Writes the step count and every state array. */
    public void save(DataOutputStream out) throws IOException {
        out.writeUTF(kind.name());
        out.writeLong(steps);
        NDList all = new NDList();
        for (NDArray[] s : state) {
            all.addAll(List.of(s));
        }
        byte[] bytes = all.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Restores what {@link #save} wrote; fails if the optimiser or the network differ. */
    public void load(DataInputStream in) throws IOException {
        String saved = in.readUTF();
        if (!saved.equals(kind.name())) {
            throw new IOException("checkpoint optimiser is " + saved + ", this run uses " + kind);
        }
        steps = in.readLong();
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        try (NDManager scope = manager.newSubManager()) {
            NDList all = NDList.decode(scope, bytes);
            int k = 0;
            for (NDArray[] s : state) {
                for (NDArray a : s) {
                    if (k >= all.size() || !all.get(k).getShape().equals(a.getShape())) {
                        throw new IOException("optimiser state does not match the network at array " + k);
                    }
                    a.set(all.get(k++).toByteBuffer());
                }
            }
            if (k != all.size()) {
                throw new IOException("optimiser state has " + all.size() + " arrays, network needs " + k);
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
