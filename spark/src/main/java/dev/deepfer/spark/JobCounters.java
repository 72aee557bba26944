package dev.deepfer.spark;

import dev.deepfer.infer.ImageOutcome;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

import java.io.Serializable;

/** The job's accumulators: executors count each image's outcome, the driver reads the totals. */
final class JobCounters implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Failure messages kept per partition (all failures are in the output's error rows). */
    static final int FAILURES_SHOWN = 20;

    private final LongAccumulator images;
    private final LongAccumulator failed;
    private final LongAccumulator faces;
    private final LongAccumulator faceless;
    private final CollectionAccumulator<String> failures;

    private JobCounters(SparkContext sc) {
        images = sc.longAccumulator("deepfer.images");
        failed = sc.longAccumulator("deepfer.failed");
        faces = sc.longAccumulator("deepfer.faces");
        faceless = sc.longAccumulator("deepfer.faceless");
        failures = sc.collectionAccumulator("deepfer.failures");
    }

    /** Registers fresh accumulators with the driver's context. */
    static JobCounters register(SparkContext sc) {
        return new JobCounters(sc);
    }

    /**
     * Counts one image.
     *
     * @param noteFailure whether to keep this failure's message (the partition's quota is not used up)
     */
    void count(ImageOutcome outcome, boolean noteFailure) {
        images.add(1);
        if (!outcome.isRead()) {
            failed.add(1);
            if (noteFailure) {
                failures.add(outcome.failure().reason() + " " + outcome.failure().getMessage());
            }
            return;
        }
        int n = outcome.result().faces().size();
        faces.add(n);
        if (n == 0) {
            faceless.add(1);
        }
    }

    /** The totals, read on the driver after the job. */
    JobSummary summary(ModelHolder.Key model, double seconds) {
        return new JobSummary(images.value(), failed.value(), faces.value(), faceless.value(), failures.value(),
                model.name(), model.fingerprint(), seconds);
    }
}
