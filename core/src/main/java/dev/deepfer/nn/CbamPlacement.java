package dev.deepfer.nn;

/** Where a network inserts CBAM modules; one flag so ablations are one option. */
public enum CbamPlacement {
    /** No attention (the reference networks). */
    NONE,
    /** In every residual block, on the residual branch before the addition (the paper's choice). */
    BLOCK,
    /** Once at the end of every stage (cheaper: 4-7 modules instead of 16-26). */
    STAGE
}
