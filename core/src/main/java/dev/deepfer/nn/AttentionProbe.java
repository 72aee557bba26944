package dev.deepfer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@link ParameterStore} that also keeps the spatial attention maps every CBAM module computes
 * during the forward passes it is used for, so explanations can show them without re-running or
 * re-wiring the network. DJL blocks have no forward hooks, but every block hands its parameter
 * store on to its children, so the store is the one object that reaches each
 * {@link SpatialAttention}. Use one probe per call (it is not thread-safe); the recorded arrays
 * live in the manager of the forward pass's input.
 */
public final class AttentionProbe extends ParameterStore {

    /** One map as it was applied: the module and its {@code [N, 1, H, W]} map in (0, 1). */
    public record Recorded(SpatialAttention module, NDArray map) {
    }

    private final List<Recorded> maps = new ArrayList<>();

    /** A probe whose parameters are used in place ({@code copy = false}), as in inference. */
    public AttentionProbe(NDManager manager) {
        super(manager, false);
    }

    void record(SpatialAttention module, NDArray map) {
        maps.add(new Recorded(module, map));
    }

    /** The maps recorded so far, in forward order. */
    public List<Recorded> maps() {
        return Collections.unmodifiableList(maps);
    }
}
