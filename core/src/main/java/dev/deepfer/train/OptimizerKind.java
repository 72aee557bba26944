package dev.deepfer.train;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The optimisers a run can use. */
public enum OptimizerKind {
    /** Adam (Kingma &amp; Ba, 2015) with L2 weight decay added to the gradient. */
    ADAM,
    /** AdamW (Loshchilov &amp; Hutter, 2019): decoupled weight decay. */
    ADAMW,
    /** SGD with Nesterov momentum (PyTorch's formulation) and L2 weight decay. */
    SGD_NESTEROV;

    /** Parses {@code adam}, {@code adamw}, {@code sgd}/{@code sgd-nesterov}; lists valid names on error. */
    public static OptimizerKind parse(String name) {
        String n = name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        if (n.equals("SGD")) {
            return SGD_NESTEROV;
        }
        for (OptimizerKind k : values()) {
            if (k.name().equals(n)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown optimiser '" + name + "'; valid: "
                + Arrays.stream(values()).map(v -> v.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", ")));
    }
}
