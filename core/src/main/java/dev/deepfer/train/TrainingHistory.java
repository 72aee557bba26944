package dev.deepfer.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's per-epoch record as a bundle keeps it ({@code manifest.training.history}): the epoch
 * lines of {@code metrics.jsonl}, the last one of each epoch (a resumed run may log an epoch
 * twice), with the keys a results report needs. With it a bundle can draw its own training curves
 * and say how long it trained, after the run directory is gone.
 */
public final class TrainingHistory {
    /** Keys kept from each epoch line. */
    public static final List<String> KEYS = List.of("epoch", "train_loss", "train_accuracy", "val_loss",
            "val_accuracy", "val_macro_f1", "lr", "images_per_s", "epoch_seconds", "threads");
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private TrainingHistory() {
    }

    /** The epochs of {@code metricsJsonl} in order; malformed lines fail with file and line. */
    public static ArrayNode read(Path metricsJsonl) throws IOException {
        Map<Integer, ObjectNode> byEpoch = new TreeMap<>();
        List<String> lines = Files.readAllLines(metricsJsonl);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IOException(metricsJsonl + ":" + (i + 1) + ": not JSON: " + e.getOriginalMessage(), e);
            }
            if (!node.isObject() || !"epoch".equals(node.path("type").asText()) || !node.has("epoch")) {
                continue;
            }
            ObjectNode kept = JSON.createObjectNode();
            KEYS.stream().filter(node::has).forEach(k -> kept.set(k, node.get(k)));
            byEpoch.put(node.get("epoch").asInt(), kept);
        }
        ArrayNode out = JSON.createArrayNode();
        byEpoch.values().forEach(out::add);
        return out;
    }

    /** Wall-clock seconds of all epochs (training and validation), 0 when not recorded. */
    public static double wallSeconds(JsonNode history) {
        double total = 0;
        for (JsonNode e : history) {
            total += e.path("epoch_seconds").asDouble(0);
        }
        return total;
    }

    /**
     * Core-seconds of all epochs: each epoch's wall time times the threads it recorded, or times
     * {@code assumedThreads} for epochs logged before runs recorded their threads.
     */
    public static double cpuSeconds(JsonNode history, int assumedThreads) {
        double total = 0;
        for (JsonNode e : history) {
            total += e.path("epoch_seconds").asDouble(0) * e.path("threads").asInt(assumedThreads);
        }
        return total;
    }

    /** Epochs that did not record their thread count. */
    public static int epochsWithoutThreads(JsonNode history) {
        int n = 0;
        for (JsonNode e : history) {
            n += e.has("threads") ? 0 : 1;
        }
        return n;
    }
}
