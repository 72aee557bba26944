package dev.deepfer.eval;

/**
 * Precision, recall and F1 of one class, with its support (number of true examples).
 *
 * <p>Zero-division convention (scikit-learn's {@code zero_division=0}): precision is 0 when the
 * class was never predicted, recall is 0 when it has no examples, and F1 is 0 when precision +
 * recall = 0. A metric is therefore never NaN.
 *
 * @param precision TP / (TP + FP)
 * @param recall TP / (TP + FN)
 * @param f1 2PR / (P + R)
 * @param support TP + FN
 */
public record ClassMetrics(double precision, double recall, double f1, int support) {

    /** The metrics of class {@code c} of a confusion matrix. */
    public static ClassMetrics of(ConfusionMatrix cm, int c) {
        int truePositives = cm.count(c, c);
        int predicted = cm.predictedCount(c);
        int support = cm.actualCount(c);
        double precision = ratio(truePositives, predicted);
        double recall = ratio(truePositives, support);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassMetrics(precision, recall, f1, support);
    }

    private static double ratio(int numerator, int denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}
