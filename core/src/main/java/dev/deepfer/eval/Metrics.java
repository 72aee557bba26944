package dev.deepfer.eval;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Summary metrics of a confusion matrix, for any number of classes.
 *
 * <ul>
 *   <li>accuracy = trace / total;
 *   <li>macro-F1 = unweighted mean of the per-class F1 over the classes that occur (have support
 *       or were predicted); a class absent from both the labels and the predictions is left out
 *       rather than counted as F1 = 0, as scikit-learn does when it infers the labels;
 *   <li>weighted-F1 = sum_c support_c * F1_c / total.
 * </ul>
 *
 * An empty matrix is rejected: its metrics are undefined, and reporting 0 would hide the mistake.
 */
public final class Metrics {

    private Metrics() {}

    /** Fraction of examples on the diagonal. */
    public static double accuracy(ConfusionMatrix cm) {
        return (double) cm.correct() / nonEmptyTotal(cm);
    }

    /** {@link ClassMetrics} of every class, in class order. */
    public static List<ClassMetrics> perClass(ConfusionMatrix cm) {
        return IntStream.range(0, cm.size()).mapToObj(c -> ClassMetrics.of(cm, c)).toList();
    }

    /** Mean F1 over the classes that have examples or predictions. */
    public static double macroF1(ConfusionMatrix cm) {
        nonEmptyTotal(cm);
        return IntStream.range(0, cm.size())
                .filter(c -> cm.actualCount(c) + cm.predictedCount(c) > 0)
                .mapToDouble(c -> ClassMetrics.of(cm, c).f1())
                .average()
                .orElseThrow();
    }

    /** Support-weighted mean F1. */
    public static double weightedF1(ConfusionMatrix cm) {
        double total = nonEmptyTotal(cm);
        return perClass(cm).stream().mapToDouble(m -> m.support() * m.f1()).sum() / total;
    }

    private static int nonEmptyTotal(ConfusionMatrix cm) {
        int total = cm.total();
        if (total == 0) {
            throw new IllegalArgumentException("confusion matrix is empty: metrics are undefined");
        }
        return total;
    }
}
