package dev.deepfer.eval;

import dev.deepfer.data.Emotion;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Counts of (actual class, predicted class) pairs: row = true label, column = prediction, the
 * convention of scikit-learn and of the FER literature's figures. Mutable while a test set is
 * scored ({@link #add}); {@link #merge} combines shards (e.g. per-thread matrices) into a new one.
 * Not thread-safe.
 */
public final class ConfusionMatrix {

    private final List<String> labels;
    private final int[][] counts;

    /** A 7x7 matrix over {@link Emotion} labels. */
    public ConfusionMatrix() {
        this(Arrays.stream(Emotion.values()).map(Emotion::label).toList());
    }

    /** An n x n matrix whose classes are labelled {@code 0 .. n-1}. */
    public ConfusionMatrix(int n) {
        this(IntStream.range(0, n).mapToObj(Integer::toString).toList());
    }

    /** A matrix over the given class labels (their order is the class index). */
    public ConfusionMatrix(List<String> classLabels) {
        if (classLabels.isEmpty()) {
            throw new IllegalArgumentException("a confusion matrix needs at least one class");
        }
        this.labels = List.copyOf(classLabels);
        this.counts = new int[labels.size()][labels.size()];
    }

    /** An Emotion matrix holding a copy of the given counts (e.g. read back from a report). */
    public static ConfusionMatrix ofCounts(int[][] counts) {
        ConfusionMatrix cm = new ConfusionMatrix();
        if (counts.length != cm.size()) {
            throw new IllegalArgumentException(
                    "expected " + cm.size() + " rows (one per emotion), got " + counts.length);
        }
        for (int a = 0; a < counts.length; a++) {
            if (counts[a].length != cm.size()) {
                throw new IllegalArgumentException("row " + a + " has " + counts[a].length
                        + " columns, expected " + cm.size());
            }
            for (int p = 0; p < counts.length; p++) {
                if (counts[a][p] < 0) {
                    throw new IllegalArgumentException("negative count at [" + a + "][" + p + "]");
                }
                cm.counts[a][p] = counts[a][p];
            }
        }
        return cm;
    }

    /** Number of classes. */
    public int size() {
        return counts.length;
    }

    /** Class labels in index order. */
    public List<String> labels() {
        return labels;
    }

    /** Records one example whose true class is {@code actual} and predicted class {@code predicted}. */
    public void add(int actual, int predicted) {
        checkClass("actual", actual);
        checkClass("predicted", predicted);
        counts[actual][predicted]++;
    }

    /** Records {@code actual[i], predicted[i]} for every i; the arrays must have equal length. */
    public void addAll(int[] actual, int[] predicted) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(actual.length + " labels but "
                    + predicted.length + " predictions");
        }
        for (int i = 0; i < actual.length; i++) {
            add(actual[i], predicted[i]);
        }
    }

    /** A new matrix with the counts of this and {@code other}, which must have the same labels. */
    public ConfusionMatrix merge(ConfusionMatrix other) {
        if (!labels.equals(other.labels)) {
            throw new IllegalArgumentException("cannot merge matrices over " + labels
                    + " and " + other.labels);
        }
        ConfusionMatrix sum = new ConfusionMatrix(labels);
        for (int a = 0; a < size(); a++) {
            for (int p = 0; p < size(); p++) {
                sum.counts[a][p] = counts[a][p] + other.counts[a][p];
            }
        }
        return sum;
    }

    /** Examples of class {@code actual} predicted as {@code predicted}. */
    public int count(int actual, int predicted) {
        checkClass("actual", actual);
        checkClass("predicted", predicted);
        return counts[actual][predicted];
    }

    /** All examples recorded. */
    public int total() {
        return Arrays.stream(counts).flatMapToInt(Arrays::stream).sum();
    }

    /** Correctly classified examples (the diagonal). */
    public int correct() {
        return IntStream.range(0, size()).map(c -> counts[c][c]).sum();
    }

    /** Examples whose true class is {@code c} (row sum, the "support"). */
    public int actualCount(int c) {
        checkClass("actual", c);
        return Arrays.stream(counts[c]).sum();
    }

    /** Examples predicted as {@code c} (column sum). */
    public int predictedCount(int c) {
        checkClass("predicted", c);
        return Arrays.stream(counts).mapToInt(row -> row[c]).sum();
    }

    /** A copy of the counts, {@code [actual][predicted]}. */
    public int[][] toArray() {
        return Arrays.stream(counts).map(int[]::clone).toArray(int[][]::new);
    }

    /**
     * Each row divided by its sum, so entry {@code [a][p]} is the fraction of class {@code a}
     * predicted as {@code p} and the diagonal is per-class recall. A row with no examples is all 0.
     */
    public double[][] rowNormalised() {
        double[][] fractions = new double[size()][size()];
        for (int a = 0; a < size(); a++) {
            int rowSum = actualCount(a);
            for (int p = 0; p < size() && rowSum > 0; p++) {
                fractions[a][p] = (double) counts[a][p] / rowSum;
            }
        }
        return fractions;
    }

    /** An aligned plain-text table: rows are true classes, columns predictions, with totals. */
    public String toText() {
        String corner = "true\\pred";
        int width = 2 + IntStream.of(corner.length(), Integer.toString(total()).length(),
                labels.stream().mapToInt(String::length).max().orElseThrow()).max().orElseThrow();
        String cell = "%" + width + "s";
        StringBuilder out = new StringBuilder(String.format(cell, corner));
        labels.forEach(l -> out.append(String.format(cell, l)));
        out.append(String.format(cell, "total")).append('\n');
        for (int a = 0; a < size(); a++) {
            out.append(String.format(cell, labels.get(a)));
            for (int p = 0; p < size(); p++) {
                out.append(String.format(cell, counts[a][p]));
            }
            out.append(String.format(cell, actualCount(a))).append('\n');
        }
        out.append(String.format(cell, "total"));
        for (int p = 0; p < size(); p++) {
            out.append(String.format(cell, predictedCount(p)));
        }
        return out.append(String.format(cell, total())).append('\n').toString();
    }

    @Override
    public String toString() {
        return toText();
    }

    private void checkClass(String role, int c) {
        if (c < 0 || c >= size()) {
            throw new IllegalArgumentException(role + " class " + c + " out of range 0.." + (size() - 1));
        }
    }
}
