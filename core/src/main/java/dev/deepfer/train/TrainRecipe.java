package dev.deepfer.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training recipe of an earlier run, read back so that it can be trained again: from a member
 * bundle (the {@code training} record its manifest keeps), a bundle's {@code manifest.json}, a
 * training run directory or its {@code config.json}. Every bundled member thereby carries the one
 * thing needed to retrain it; no script outside the repository is.
 */
public final class TrainRecipe {
    /** A training run's saved configuration. */
    public static final String RUN_CONFIG = "config.json";
    private static final String MEMBER_MANIFEST = "manifest.json";
    private static final String ENSEMBLE_MANIFEST = "ensemble.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainRecipe() {
    }

    /**
     * Reads the recipe at {@code source}.
     *
     * @throws IllegalArgumentException when {@code source} is none of the above, is an ensemble, or is a
     *                                  bundle made without a training record
     * @throws IOException              when the file cannot be read or parsed
     */
    public static TrainConfig read(Path source) throws IOException {
        if (!Files.exists(source)) {
            throw new IllegalArgumentException("recipe " + source + " does not exist");
        }
        Path file = source;
        if (Files.isDirectory(source)) {
            file = Files.isRegularFile(source.resolve(ENSEMBLE_MANIFEST)) ? source.resolve(ENSEMBLE_MANIFEST)
                    : Files.isRegularFile(source.resolve(MEMBER_MANIFEST)) ? source.resolve(MEMBER_MANIFEST)
                    : source.resolve(RUN_CONFIG);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(source + " is neither a member bundle nor a training run "
                    + "(no " + MEMBER_MANIFEST + " or " + RUN_CONFIG + ")");
        }
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + " is not a JSON object");
        }
        if (root.has("members") && root.has("fusion")) {
            List<String> members = new ArrayList<>();
            for (JsonNode m : root.get("members")) {
                members.add(file.resolveSibling(m.path("dir").asText()).toString());
            }
            throw new IllegalArgumentException(source + " is an ensemble, which has no single recipe; give one of "
                    + "its member bundles: " + String.join(", ", members));
        }
        JsonNode config = root;
        if (root.has("sha256") || root.has("weights")) {
            config = root.get("training");
            if (config == null || !config.isObject()) {
                throw new IllegalArgumentException(file + " is a bundle without a training record "
                        + "(made before bundles kept one, or not by 'deepfer train'/'deepfer bundle')");
            }
        }
        ObjectNode copy = ((ObjectNode) config).deepCopy();
        copy.remove("history");
        copy.remove(WeightAveraging.RECORD_FIELD);
        try {
            return JSON.treeToValue(copy, TrainConfig.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + " does not hold a training configuration: " + e.getOriginalMessage(), e);
        }
    }
}
