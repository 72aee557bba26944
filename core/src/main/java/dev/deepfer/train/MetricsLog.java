package dev.deepfer.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Appends one JSON object per epoch to {@code metrics.jsonl}, flushed at once. */
public final class MetricsLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private BufferedWriter out;

    public MetricsLog(Path file) throws IOException {
        this.file = file;
        this.out = open();
    }

    private BufferedWriter open() throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /**
     * Drops lines of epochs after {@code epochsKept}, written by a run that died before checkpointing
     * them, and a line cut short by a crash while it was written (it does not parse).
     */
    public void truncateAfterEpoch(int epochsKept) throws IOException {
        out.close();
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && epochOf(line) >= 0 && epochOf(line) <= epochsKept) {
                kept.add(line);
            }
        }
        AtomicFiles.write(file, (String.join("\n", kept) + (kept.isEmpty() ? "" : "\n"))
                .getBytes(StandardCharsets.UTF_8));
        out = open();
    }

    /** The line's epoch, -1 for a line that is not a whole JSON object. */
    private static int epochOf(String line) {
        try {
            return JSON.readTree(line).path("epoch").asInt(-1);
        } catch (com.fasterxml.jackson.core.JsonProcessingException torn) {
            return -1;
        }
    }

    public void epoch(EpochMetrics m) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "epoch");
        n.put("epoch", m.epoch());
        n.put("step", m.step());
        n.put("train_loss", m.trainLoss());
        n.put("train_accuracy", m.trainAccuracy());
        n.put("val_loss", m.valLoss());
        n.put("val_accuracy", m.valAccuracy());
        n.put("val_macro_f1", m.valMacroF1());
        n.put("lr", m.lr());
        n.put("grad_norm_max", m.maxGradNorm());
        n.put("skipped_steps", m.skippedSteps());
        n.put("images_per_s", m.imagesPerSecond());
        n.put("train_seconds", m.trainSeconds());
        n.put("epoch_seconds", m.epochSeconds());
        n.put("threads", m.threads());
        if (Double.isFinite(m.cpuSeconds())) {
            n.put("cpu_seconds", m.cpuSeconds());
        }
        out.write(JSON.writeValueAsString(n));
        out.newLine();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
