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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every committed bundle (the default ensemble and the fast single network) still scores, on the
 * seeded 500-face PrivateTest subset, within two points of what it recorded when it was made;
 * loading it checks the weights' SHA-256.
 */
class DefaultBundleRegressionTest {
    private static final Path MODELS = Path.of("..", "models");

    /** The bundle directories under {@code ../models}, or one missing "default" so the test skips with a message. */
    static Stream<Path> committedBundles() throws IOException {
        if (!Files.isDirectory(MODELS)) {
            return Stream.of(MODELS.resolve("default"));
        }
        try (Stream<Path> dirs = Files.list(MODELS)) {
            return dirs.filter(Models::isBundle).sorted().toList().stream();
        }
    }

    @Test
    void theDefaultAndTheFastBundleAreCommitted() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(MODELS), "no models directory at " + MODELS.toAbsolutePath());
        assertThat(committedBundles().map(p -> p.getFileName().toString())).containsExactly("default", "fast");
    }

    @ParameterizedTest
    @MethodSource("committedBundles")
    void committedBundleKeepsItsRecordedAccuracy(Path bundle) throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(bundle), "no bundle at " + bundle.toAbsolutePath()
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
            // within the tolerance either way: a rise beyond it means the bundle or the data changed, too
            assertThat(accuracy).isCloseTo(recorded.asDouble(), org.assertj.core.api.Assertions.within(
                    RegressionSubset.TOLERANCE));
        }
    }
}
