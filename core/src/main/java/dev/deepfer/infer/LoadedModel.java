package dev.deepfer.infer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deepfer.data.Normalization;
import dev.deepfer.model.FaceClassifier;

import java.util.List;

/** A model loaded from disk — one member or an ensemble — with what it needs to be fed and described. */
public interface LoadedModel extends FaceClassifier, AutoCloseable {

    String name();

    Normalization normalization();

    /** The member bundles (a member bundle lists itself). */
    List<ModelBundle> members();

    /**
     * The calibration temperature its logits are already divided by (1 = none), so
     * {@code logits * temperature()} are the uncalibrated ones.
     */
    double temperature();

    /**
     * This model's logits from its members' {@link #logits} on the same faces (each member's at its own
     * input size), one array per member in
     * {@link #members()} order: the member's own for a single bundle, the fused ones for an ensemble. Lets
     * a study score every member once and still report the whole model.
     */
    float[][] combine(List<float[][]> memberLogits);

    /** Stores a calibration temperature in the manifest and uses it from now on (weights untouched). */
    void recordTemperature(double temperature) throws java.io.IOException;

    /**
     * How the members' outputs become this model's output: the fitted ensemble, or for one member
     * a one-member ensemble (equal weights, temperature 1) whose output is the member's softmax.
     */
    default dev.deepfer.model.Ensemble ensemble() {
        return new dev.deepfer.model.Ensemble(members(), dev.deepfer.model.Fusion.MEAN_PROBABILITIES,
                dev.deepfer.model.Ensemble.uniformWeights(members().size()), 1.0);
    }

    /** The manifest as JSON, for reports and the API. */
    JsonNode manifestJson();

    /**
     * Stores an evaluation result in the bundle's manifest metrics under {@code key} (the weights and
     * their hash are untouched).
     */
    void recordMetric(String key, JsonNode value) throws java.io.IOException;

    /** Adds {@code key: value} to a manifest's metrics object (or to a new one). */
    static com.fasterxml.jackson.databind.node.ObjectNode withMetric(JsonNode metrics, String key, JsonNode value) {
        com.fasterxml.jackson.databind.node.ObjectNode m = metrics instanceof com.fasterxml.jackson.databind.node.ObjectNode o
                ? o.deepCopy() : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        m.set(key, value);
        return m;
    }

    @Override
    void close();
}
