package dev.deepfer.infer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.Fer2013Csv;
import dev.deepfer.data.Fer2013Split;
import dev.deepfer.data.SharedData;
import dev.deepfer.data.TtaMode;
import dev.deepfer.eval.DatasetScorer;
import dev.deepfer.eval.RegressionSubset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed default bundle still scores, on the seeded 500-face PrivateTest subset, within
 * two points of what it recorded when it was made; loading it checks the weights' SHA-256.
 */
class DefaultBundleRegressionTest {

    @Test
    void defaultBundleKeepsItsRecordedAccuracy() throws IOException {
        Path bundle = Path.of("..", "models", "default");
        Assumptions.assumeTrue(Files.isDirectory(bundle), "no default bundle at " + bundle.toAbsolutePath()
                + ": skipping");
        Path csv = SharedData.fer2013().orElse(null);
        Assumptions.assumeTrue(csv != null, "FER2013 not found (" + SharedData.describe() + "): skipping");
        try (LoadedModel model = Models.load(bundle)) {
            String key = RegressionSubset.metricKey(Fer2013Split.PRIVATE_TEST, RegressionSubset.SIZE, TtaMode.NONE);
            JsonNode recorded = model.manifestJson().path("metrics").path(key).path("accuracy");
            assertThat(recorded.isNumber()).as("manifest metrics.%s.accuracy (record it with "
                    + "'deepfer evaluate --limit %d --record')", key, RegressionSubset.SIZE).isTrue();
            FaceDataset subset = RegressionSubset.of(Fer2013Csv.load(csv, Fer2013Split.PRIVATE_TEST));
            float[][] probs = DatasetScorer.probabilities(model, model.normalization(), subset, TtaMode.NONE, 250);
            double accuracy = DatasetScorer.confusion(probs, subset).correct() / (double) subset.count();
            assertThat(accuracy).isGreaterThanOrEqualTo(recorded.asDouble() - RegressionSubset.TOLERANCE);
        }
    }
}
