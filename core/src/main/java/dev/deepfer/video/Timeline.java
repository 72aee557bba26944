package dev.deepfer.video;

import dev.deepfer.data.Emotion;
import dev.deepfer.infer.Annotations;
import dev.deepfer.infer.FaceCsv;
import dev.deepfer.report.TimelinePlot;
import dev.deepfer.train.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What was seen in a video: one row per face per frame (frames without a face have no row), in
 * frame order, with the video's header and how many frames were read.
 *
 * @param info the video's header
 * @param frames frames decoded
 * @param rows faces, by frame then by order of detection
 */
public record Timeline(VideoInfo info, int frames, List<TimelineRow> rows) {
    /** Copies the rows. */
    public Timeline {
        rows = List.copyOf(rows);
    }

    /**
     * The CSV header: {@code frame,time_s,track,x,y,width,height}, the smoothed
     * {@code emotion,confidence,angry,…,neutral}, then the single-frame
     * {@code raw_emotion,raw_confidence,raw_angry,…,raw_neutral}.
     */
    public static String csvHeader() {
        return "frame,time_s,track," + FaceCsv.boxHeader() + "," + FaceCsv.emotionHeader("") + ","
                + FaceCsv.emotionHeader("raw_");
    }

    /** One CSV line (no line break) for {@code row}. */
    public static String csvRow(TimelineRow row) {
        TrackedFace f = row.face();
        return String.format(Locale.ROOT, "%d,%.3f,%d,", row.frame(), row.seconds(), f.trackId())
                + FaceCsv.box(f.smoothed().box()) + "," + FaceCsv.emotion(f.smoothed()) + ","
                + FaceCsv.emotion(f.raw());
    }

    /** Writes the header and every row to {@code csv}. */
    public void writeCsv(Path csv) throws IOException {
        Path parent = csv.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        AtomicFiles.write(csv, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write(csvHeader());
            w.write('\n');
            for (TimelineRow r : rows) {
                w.write(csvRow(r));
                w.write('\n');
            }
            w.flush();
        });
    }

    /** The rows of each track, by track id. */
    public Map<Integer, List<TimelineRow>> byTrack() {
        return rows.stream().collect(Collectors.groupingBy(r -> r.face().trackId(), TreeMap::new,
                Collectors.toList()));
    }

    /** A summary per track, by track id. */
    public List<TrackSummary> tracks() {
        return byTrack().entrySet().stream().map(e -> TrackSummary.of(e.getKey(), e.getValue())).toList();
    }

    /**
     * Plots the smoothed probabilities of the {@code maxTracks} longest tracks (most rows; ties by
     * id) over time, one lane per track, to {@code png}.
     *
     * @throws IllegalStateException when no face was seen
     */
    public void writePlot(Path png, String title, int maxTracks) throws IOException {
        Map<Integer, List<TimelineRow>> tracks = byTrack();
        if (tracks.isEmpty()) {
            throw new IllegalStateException("no face was found in the video, so there is no timeline to plot");
        }
        List<Map.Entry<Integer, List<TimelineRow>>> longest = new ArrayList<>(tracks.entrySet());
        longest.sort(Comparator.<Map.Entry<Integer, List<TimelineRow>>>comparingInt(e -> -e.getValue().size())
                .thenComparing(Map.Entry::getKey));
        Map<Integer, List<TimelineRow>> shown = new LinkedHashMap<>();
        longest.stream().limit(Math.max(1, maxTracks)).sorted(Map.Entry.comparingByKey())
                .forEach(e -> shown.put(e.getKey(), e.getValue()));
        List<TimelinePlot.Lane> lanes = new ArrayList<>();
        for (Map.Entry<Integer, List<TimelineRow>> e : shown.entrySet()) {
            lanes.add(lane(e.getKey(), e.getValue()));
        }
        String fullTitle = tracks.size() > shown.size()
                ? String.format(Locale.ROOT, "%s (%d of %d tracks)", title, shown.size(), tracks.size()) : title;
        TimelinePlot.write(lanes, fullTitle, "time (s)", "probability (smoothed)", png);
    }

    private static TimelinePlot.Lane lane(int track, List<TimelineRow> rows) {
        double[] x = rows.stream().mapToDouble(TimelineRow::seconds).toArray();
        List<TimelinePlot.Line> lines = new ArrayList<>();
        for (Emotion e : Emotion.values()) {
            double[] y = rows.stream().mapToDouble(r -> r.face().smoothed().probabilities().get(e)).toArray();
            lines.add(new TimelinePlot.Line(e.label(), Annotations.colour(e), y));
        }
        return new TimelinePlot.Lane(String.format(Locale.ROOT, "track #%d: %d frame(s), %.1f-%.1f s", track,
                rows.size(), x[0], x[x.length - 1]), x, lines);
    }
}
