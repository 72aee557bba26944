package dev.deepfer.infer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.deepfer.data.Normalization;
import dev.deepfer.model.Architecture;
import dev.deepfer.model.Stem;
import dev.deepfer.nn.CbamPlacement;

import java.util.List;

/**
 * What a bundle's {@code manifest.json} says: how to rebuild the network, how to feed it, how well
 * it did and how it was made.
 *
 * @param format          manifest format version
 * @param name            bundle name
 * @param architecture    network
 * @param cbam            CBAM placement
 * @param stem            stem
 * @param inputSize       crop side the network expects
 * @param inputChannels   1 (grey)
 * @param labels          class labels in output order
 * @param normalization   input normalisation
 * @param weights         weights file name, relative to the bundle
 * @param dtype           stored weight precision ({@code float32} or {@code float16})
 * @param sha256          SHA-256 of the weights file, checked on load
 * @param metrics         evaluation results (free-form JSON: split → report)
 * @param training        the training config (free-form JSON)
 * @param command         the command that made the bundle
 * @param codeVersion     git commit of the code that made it
 * @param created         ISO-8601 creation time
 * @param temperature     calibration temperature T fitted on validation data (logits are divided by it, so
 *                        the returned probabilities are calibrated); absent (null) = 1, as in manifests
 *                        written before it existed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BundleManifest(
        int format,
        String name,
        Architecture architecture,
        CbamPlacement cbam,
        Stem stem,
        int inputSize,
        int inputChannels,
        List<String> labels,
        Normalization normalization,
        String weights,
        String dtype,
        String sha256,
        JsonNode metrics,
        JsonNode training,
        String command,
        String codeVersion,
        String created,
        Double temperature) {

    /** Current format version. */
    public static final int FORMAT = 1;

    public BundleManifest withMetrics(JsonNode m) {
        return new BundleManifest(format, name, architecture, cbam, stem, inputSize, inputChannels, labels,
                normalization, weights, dtype, sha256, m, training, command, codeVersion, created, temperature);
    }

    public BundleManifest withWeights(String file, String type, String hash) {
        return new BundleManifest(format, name, architecture, cbam, stem, inputSize, inputChannels, labels,
                normalization, file, type, hash, metrics, training, command, codeVersion, created, temperature);
    }

    /** This manifest with a calibration temperature (positive and finite). */
    public BundleManifest withTemperature(double t) {
        if (!(t > 0) || !Double.isFinite(t)) {
            throw new IllegalArgumentException("temperature must be positive and finite, got " + t);
        }
        return new BundleManifest(format, name, architecture, cbam, stem, inputSize, inputChannels, labels,
                normalization, weights, dtype, sha256, metrics, training, command, codeVersion, created, t);
    }
}
