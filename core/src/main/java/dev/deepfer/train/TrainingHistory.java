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
            "val_accuracy", "val_macro_f1", "lr", "images_per_s", "epoch_seconds", "threads", "cpu_seconds");
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

    /**
     * The history of a run directory (its {@code metrics.jsonl}), of a {@code metrics.jsonl} file, or of
     * a model bundle directory (its manifest's {@code training.history}).
     *
     * @throws IllegalArgumentException if {@code source} is none of these, or the bundle kept no history
     */
    public static ArrayNode load(Path source) throws IOException {
        if (Files.isRegularFile(source)) {
            return read(source);
        }
        if (Files.isRegularFile(source.resolve("metrics.jsonl"))) {
            return read(source.resolve("metrics.jsonl"));
        }
        Path manifest = source.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalArgumentException(source + " is neither a training run (metrics.jsonl) nor a model bundle "
                    + "(manifest.json)");
        }
        JsonNode history = JSON.readTree(manifest.toFile()).path("training").path("history");
        if (!history.isArray() || history.isEmpty()) {
            throw new IllegalArgumentException(manifest + " keeps no training history (bundles made before it was "
                    + "recorded, and ensembles, have none)");
        }
        return (ArrayNode) history;
    }

    /**
     * What a run came to: epochs, the best validation accuracy and its epoch, the last epoch's
     * validation and training accuracy (fractions; NaN when not recorded), wall and CPU hours.
     */
    public record Summary(int epochs, int bestEpoch, double bestValAccuracy, double lastValAccuracy,
                          double lastTrainAccuracy, double wallHours, double cpuHours, int epochsWithoutThreads) {}

    /** The {@link Summary} of {@code history}; CPU-hours as {@link #cpuSeconds}. */
    public static Summary summarise(JsonNode history, int assumedThreads) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("no epochs in the history");
        }
        int bestEpoch = -1;
        double best = Double.NaN;
        for (JsonNode e : history) {
            double acc = number(e, "val_accuracy");
            if (Double.isFinite(acc) && (bestEpoch < 0 || acc > best)) {
                best = acc;
                bestEpoch = e.path("epoch").asInt();
            }
        }
        JsonNode last = history.get(history.size() - 1);
        return new Summary(history.size(), bestEpoch, best, number(last, "val_accuracy"),
                number(last, "train_accuracy"), wallSeconds(history) / 3600,
                cpuSeconds(history, assumedThreads) / 3600, epochsWithoutThreads(history));
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
     * CPU-seconds of all epochs: the process CPU time an epoch measured ({@code cpu_seconds}), else
     * its wall time times the threads it recorded, else times {@code assumedThreads} for epochs
     * logged before runs recorded their threads.
     */
    public static double cpuSeconds(JsonNode history, int assumedThreads) {
        double total = 0;
        for (JsonNode e : history) {
            JsonNode measured = e.path("cpu_seconds");
            total += measured.isNumber() ? measured.asDouble()
                    : e.path("epoch_seconds").asDouble(0) * e.path("threads").asInt(assumedThreads);
        }
        return total;
    }

    private static double number(JsonNode epoch, String key) {
        JsonNode value = epoch.path(key);
        return value.isNumber() ? value.asDouble() : Double.NaN;
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
