package dev.deepfer.infer;

import dev.deepfer.util.EnumNames;

/**
 * How a bundle stores its parameter arrays. {@code INT8} is weight-only quantisation: every array
 * with two or more dimensions (convolution kernels, linear weights) becomes int8 with one float32
 * scale per output channel (symmetric, max |w| / 127); biases, batch-norm parameters and running
 * statistics stay float32. Loading always restores float32, so inference speed does not change,
 * only the file size (a quarter of float32) and, slightly, the outputs: measure before shipping.
 */
public enum WeightPrecision {
    FLOAT32("float32"),
    FLOAT16("float16"),
    INT8("int8");

    private final String id;

    WeightPrecision(String id) {
        this.id = id;
    }

    /** The manifest's {@code dtype} value. */
    public String id() {
        return id;
    }

    /** By manifest / command-line name. */
    public static WeightPrecision of(String id) {
        return EnumNames.lookup(WeightPrecision.class, id, WeightPrecision::id, "weight precision");
    }
}
