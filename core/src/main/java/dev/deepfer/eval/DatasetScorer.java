package dev.deepfer.eval;

import dev.deepfer.data.BatchAssembler;
import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.Normalization;
import dev.deepfer.data.TtaMode;
import dev.deepfer.model.FaceClassifier;
import dev.deepfer.model.Softmax;

/**
 * Scores a whole dataset with a classifier: centre crops (or test-time-augmented views whose
 * softmax probabilities are averaged), in batches.
 */
public final class DatasetScorer {
    private DatasetScorer() {
    }

    /** Per-image class probabilities, {@code [n][classes]}. */
    public static float[][] probabilities(FaceClassifier classifier, Normalization norm, FaceDataset data,
                                          TtaMode tta, int batchSize) {
        java.util.function.IntFunction<BatchAssembler> assemblers = BatchAssembler.bySide(norm);
        int views = tta.views();
        float[][] probs = new float[data.count()][];
        int perBatch = Math.max(1, batchSize / views);
        for (int start = 0; start < data.count(); start += perBatch) {
            int n = Math.min(perBatch, data.count() - start);
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = start + i;
            }
            float[][] logits = classifier.logits(side -> assemblers.apply(side).assembleViews(data, idx, tta).images(),
                    n * views);
            for (int i = 0; i < n; i++) {
                float[] mean = null;
                for (int v = 0; v < views; v++) {
                    float[] p = softmax(logits[i * views + v]);
                    if (mean == null) {
                        mean = p;
                    } else {
                        for (int c = 0; c < p.length; c++) {
                            mean[c] += p[c];
                        }
                    }
                }
                for (int c = 0; c < mean.length; c++) {
                    mean[c] /= views;
                }
                probs[start + i] = mean;
            }
        }
        return probs;
    }

    /** Per-image logits of centre crops (no test-time augmentation), {@code [n][classes]}. */
    public static float[][] logits(FaceClassifier classifier, Normalization norm, FaceDataset data, int batchSize) {
        java.util.function.IntFunction<BatchAssembler> assemblers = BatchAssembler.bySide(norm);
        float[][] out = new float[data.count()][];
        for (int start = 0; start < data.count(); start += batchSize) {
            int n = Math.min(batchSize, data.count() - start);
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = start + i;
            }
            float[][] batch = classifier.logits(
                    side -> assemblers.apply(side).assembleViews(data, idx, TtaMode.NONE).images(), n);
            System.arraycopy(batch, 0, out, start, n);
        }
        return out;
    }

    /** Class labels of a dataset as an array. */
    public static int[] labels(FaceDataset data) {
        int[] labels = new int[data.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.label(i);
        }
        return labels;
    }

    /** Numerically stable softmax. */
    public static float[] softmax(float[] logits) {
        double[] p = Softmax.of(logits);
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) p[i];
        }
        return out;
    }

    /**
     * Index of the largest value (the first of equal ones). A NaN is refused: every comparison with
     * it is false, so it would silently pick the first class ("angry") and count as a prediction.
     */
    public static int argmax(float[] values) {
        double[] widened = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            widened[i] = values[i];
        }
        return argmax(widened);
    }

    /** As {@link #argmax(float[])} (fused probabilities). */
    public static int argmax(double[] values) {
        int best = 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                throw new IllegalStateException("the model's output holds NaN (at class " + i + " of "
                        + values.length + "): no prediction can be made from it");
            }
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Confusion matrix of the arg-max predictions against the dataset's labels. */
    public static ConfusionMatrix confusion(float[][] probabilities, FaceDataset data) {
        ConfusionMatrix cm = new ConfusionMatrix();
        for (int i = 0; i < probabilities.length; i++) {
            cm.add(data.label(i), argmax(probabilities[i]));
        }
        return cm;
    }

    /** Mean negative log-likelihood of the true labels. */
    public static double nll(float[][] probabilities, FaceDataset data) {
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            sum -= Math.log(Math.max(probabilities[i][data.label(i)], 1e-12));
        }
        return sum / probabilities.length;
    }
}
