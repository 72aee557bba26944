package dev.deepfer.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Training curves as a PNG: a loss panel and an accuracy panel (in percent) side by side, train
 * and validation as two lines each, with the epoch of best validation accuracy marked. Reads the
 * training run's {@code metrics.jsonl} with {@link #readJsonl}.
 */
public final class TrainingCurvesPlot {

    /** Default image width in pixels. */
    public static final int DEFAULT_WIDTH = 1200;

    /** Default image height in pixels. */
    public static final int DEFAULT_HEIGHT = 480;

    static final Color TRAIN = new Color(0x1F, 0x77, 0xB4);
    static final Color VALIDATION = new Color(0xE4, 0x6C, 0x0A);

    private static final String[] REQUIRED = {"epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy"};
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private TrainingCurvesPlot() {}

    /** Writes a {@value #DEFAULT_WIDTH}x{@value #DEFAULT_HEIGHT} plot of {@code points} to {@code png}. */
    public static void write(List<EpochPoint> points, String title, Path png) throws IOException {
        write(points, title, png, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /** Writes a {@code width}x{@code height} plot of {@code points} to {@code png}. */
    public static void write(List<EpochPoint> points, String title, Path png, int width, int height)
            throws IOException {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no epochs to plot");
        }
        List<EpochPoint> epochs = points.stream().sorted(Comparator.comparingInt(EpochPoint::epoch)).toList();
        List<LinePanel.Marker> best = bestValidation(epochs);
        Charts.writeSideBySide(png, width, height, title,
                (g, area) -> new LinePanel("Loss", "epoch", "loss").draw(g, area,
                        List.of(series("train", TRAIN, epochs, EpochPoint::trainLoss, 1),
                                series("validation", VALIDATION, epochs, EpochPoint::valLoss, 1)), best),
                (g, area) -> new LinePanel("Accuracy", "epoch", "accuracy (%)").draw(g, area,
                        List.of(series("train", TRAIN, epochs, EpochPoint::trainAccuracy, 100),
                                series("validation", VALIDATION, epochs, EpochPoint::valAccuracy, 100)), best));
    }

    /** The points of a bundle's {@code training.history} array (see {@code train.TrainingHistory}). */
    public static List<EpochPoint> fromHistory(JsonNode history) throws IOException {
        Map<Integer, EpochPoint> byEpoch = new TreeMap<>();
        for (int i = 0; i < history.size(); i++) {
            EpochPoint p = point(history.get(i), "training.history[" + i + "]");
            byEpoch.put(p.epoch(), p);
        }
        return List.copyOf(byEpoch.values());
    }

    private static EpochPoint point(JsonNode node, String where) throws IOException {
        for (String key : REQUIRED) {
            if (!node.has(key)) {
                throw new IOException(where + ": missing key '" + key + "'");
            }
        }
        return new EpochPoint(node.get("epoch").asInt(), number(node, "train_loss"),
                number(node, "train_accuracy"), number(node, "val_loss"), number(node, "val_accuracy"));
    }

    /**
     * Reads the epoch records of a JSON-lines metrics log. Each non-blank line is a JSON object;
     * a line with a {@code "type"} other than {@code "epoch"} is skipped, any other line must hold
     * {@code epoch, train_loss, train_accuracy, val_loss, val_accuracy} (numbers; {@code NaN} and
     * {@code null} read as NaN) and may hold more keys. When an epoch appears twice (a resumed
     * run) the later line wins. The result is sorted by epoch.
     *
     * @throws IOException if the file cannot be read or a line is malformed (the message names
     *     the file and line)
     */
    public static List<EpochPoint> readJsonl(Path metricsJsonl) throws IOException {
        Map<Integer, EpochPoint> byEpoch = new TreeMap<>();
        List<String> lines = Files.readAllLines(metricsJsonl);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = metricsJsonl + ":" + (i + 1);
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IOException(where + ": not JSON: " + e.getOriginalMessage(), e);
            }
            if (!node.isObject()) {
                throw new IOException(where + ": expected a JSON object");
            }
            if (node.has("type") && !"epoch".equals(node.get("type").asText())) {
                continue;
            }
            EpochPoint p = point(node, where);
            byEpoch.put(p.epoch(), p);
        }
        return List.copyOf(byEpoch.values());
    }

    private static double number(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value.isNumber() ? value.asDouble() : Double.NaN;
    }

    /** A line of {@code value} per epoch, times {@code scale}. */
    static LinePanel.Series series(String name, Color colour, List<EpochPoint> epochs,
            ToDoubleFunction<EpochPoint> value, double scale) {
        double[] x = epochs.stream().mapToDouble(EpochPoint::epoch).toArray();
        double[] y = epochs.stream().mapToDouble(p -> scale * value.applyAsDouble(p)).toArray();
        return new LinePanel.Series(name, colour, x, y);
    }

    private static List<LinePanel.Marker> bestValidation(List<EpochPoint> epochs) {
        List<LinePanel.Marker> markers = new ArrayList<>(1);
        epochs.stream().filter(p -> Double.isFinite(p.valAccuracy()))
                .max(Comparator.comparingDouble(EpochPoint::valAccuracy))
                .ifPresent(p -> markers.add(new LinePanel.Marker(p.epoch(), String.format(Locale.ROOT,
                        "best val %.2f%% @ %d", 100 * p.valAccuracy(), p.epoch()))));
        return markers;
    }
}
