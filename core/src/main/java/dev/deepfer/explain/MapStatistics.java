package dev.deepfer.explain;

import java.util.Arrays;
import java.util.Comparator;

/** Comparisons between maps, for sanity checks (Adebayo et al., NeurIPS 2018). */
public final class MapStatistics {
    private MapStatistics() {
    }

    /**
     * Spearman's rank correlation of two maps of the same size (Pearson's correlation of their
     * ranks, ties sharing their mean rank); 0 when either map is constant.
     */
    public static double spearman(HeatMap a, HeatMap b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("maps differ in size");
        }
        return pearson(ranks(a.values()), ranks(b.values()));
    }

    /** Pearson's correlation; 0 when either side is constant. */
    static double pearson(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }

    /** 1-based ranks, ties given their mean rank. */
    static double[] ranks(float[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        double[] rank = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double mean = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[order[k]] = mean;
            }
            i = j + 1;
        }
        return rank;
    }
}
