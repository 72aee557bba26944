package dev.deepfer.train;

/** The validation metric that picks the best checkpoint and drives early stopping. */
public enum SelectionMetric {
    ACCURACY,
    MACRO_F1
}
