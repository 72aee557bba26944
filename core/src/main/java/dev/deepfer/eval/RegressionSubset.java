package dev.deepfer.eval;

import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.Fer2013Split;
import dev.deepfer.data.TtaMode;

import java.util.Locale;

/**
 * The fixed, seeded PrivateTest subset on which a bundle records its accuracy when it is made, so
 * CI can check in seconds that the committed bundle still scores what it scored then.
 */
public final class RegressionSubset {
    /** Seed of every {@code --limit} sample. */
    public static final long SEED = 2026;
    /** Size of the CI regression subset. */
    public static final int SIZE = 500;
    /** Accuracy drop (fraction) the regression test tolerates. */
    public static final double TOLERANCE = 0.02;

    private RegressionSubset() {
    }

    /** The regression subset of a PrivateTest split. */
    public static FaceDataset of(FaceDataset privateTest) {
        return privateTest.sample(SIZE, SEED);
    }

    /** Key under which {@code evaluate --record} stores a result in a manifest's metrics. */
    public static String metricKey(Fer2013Split split, Integer limit, TtaMode tta) {
        return metricKey(split, false, limit, tta);
    }

    /** As {@link #metricKey(Fer2013Split, Integer, TtaMode)}, with {@code _unseen} after the split when only
     * images without a copy in Training were evaluated. */
    public static String metricKey(Fer2013Split split, boolean unseen, Integer limit, TtaMode tta) {
        return split.csvName() + (unseen ? "_unseen" : "") + (limit != null ? "_sample" + limit : "")
                + (tta != TtaMode.NONE ? "_" + tta.name().toLowerCase(Locale.ROOT) : "");
    }
}
