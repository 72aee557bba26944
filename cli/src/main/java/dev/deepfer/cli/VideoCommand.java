package dev.deepfer.cli;

import dev.deepfer.infer.EmotionRecognizer;
import dev.deepfer.train.ProgressBar;
import dev.deepfer.video.FrameRecognizer;
import dev.deepfer.video.Timeline;
import dev.deepfer.video.TrackSummary;
import dev.deepfer.video.TrackerOptions;
import dev.deepfer.video.VideoAnalyzer;
import dev.deepfer.video.VideoException;
import dev.deepfer.video.VideoInfo;
import dev.deepfer.video.VideoOptions;
import dev.deepfer.video.VideoReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code deepfer video}: faces tracked through a video, their emotions smoothed per track; a
 * summary per track on stdout, and on request an annotated copy, the per-frame timeline as CSV and
 * its plot. The video is opened before the model is loaded, so a bad file fails at once.
 */
@Command(name = "video", mixinStandardHelpOptions = true,
        description = "Track faces through a video and recognise their emotions frame by frame.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done (also when no face was found)", "1:internal error",
            "2:bad arguments, or the video file is missing or unreadable",
            "3:the video could not be decoded, or the output could not be written"})
public final class VideoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<video>", description = "A video file FFmpeg can read (mp4, mkv, mov, avi, webm …).")
    Path input;

    @Mixin RecognizerOptions recognizerOptions;

    @Option(names = "--out", paramLabel = "<annotated.mp4>",
            description = "Write a copy with boxes, track ids, smoothed emotions and probability bars.")
    Path out;

    @Option(names = "--csv", paramLabel = "<timeline.csv>",
            description = "Write one row per face per frame: frame, time, track, box, smoothed and raw probabilities.")
    Path csv;

    @Option(names = "--plot", paramLabel = "<timeline.png>",
            description = "Plot each track's smoothed probabilities over time (the longest --plot-tracks tracks).")
    Path plot;

    @Option(names = "--plot-tracks", defaultValue = "4", description = "Tracks drawn by --plot (default: ${DEFAULT-VALUE}).")
    int plotTracks;

    @Option(names = "--half-life", defaultValue = "0.3",
            description = "Seconds in which an observation's weight in a track's average halves; 0 = no smoothing "
                    + "(default: ${DEFAULT-VALUE}).")
    double halfLife;

    @Option(names = "--detect-every", defaultValue = "1", paramLabel = "<n>",
            description = "Run the face detector on every n-th frame only; between, faces are recognised where they "
                    + "were (faster, for steady faces; default: ${DEFAULT-VALUE}).")
    int detectEvery;

    @Override
    public Integer call() throws Exception {
        // options first: a refusal leaves nothing behind (checking the outputs creates their folders)
        VideoOptions options = new VideoOptions(TrackerOptions.defaults(), halfLife, detectEvery);
        if (plotTracks < 1) {
            throw new IllegalArgumentException("--plot-tracks must be at least 1, got " + plotTracks);
        }
        Optional<String> unwritable = checkOutputs();
        if (unwritable.isPresent()) {
            System.err.println("deepfer: " + unwritable.get());
            return 3;
        }
        long start;
        Timeline timeline;
        try (VideoReader reader = VideoReader.open(input); EmotionRecognizer recognizer = recognizerOptions.load()) {
            start = System.nanoTime(); // the rate reported is the analysis's, model loading apart
            VideoInfo info = reader.info();
            ProgressBar bar = new ProgressBar(System.err, "video", info.frameCount(), System.console() != null,
                    "frames/s");
            int[] done = {0};
            timeline = new VideoAnalyzer(FrameRecognizer.of(recognizer), options)
                    .analyze(reader, Optional.ofNullable(out), (frame, faces) -> {
                        done[0]++;
                        bar.update(done[0], done[0], faces.size() + " face(s)");
                    });
            bar.clearLine(); // a bar without a known frame count ends without a newline
        } catch (VideoException e) {
            System.err.println("deepfer: " + e.getMessage());
            return e.reason() == VideoException.Reason.UNREADABLE ? 2 : 3;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report(timeline, seconds);
        shortStreamWarning(timeline).ifPresent(w -> System.err.println("deepfer: warning: " + w));
        try {
            if (csv != null) {
                timeline.writeCsv(csv);
                System.err.println("deepfer: timeline written to " + csv);
            }
            if (plot != null) {
                if (timeline.rows().isEmpty()) {
                    // an earlier run's plot would look like this video's
                    boolean removed = Files.deleteIfExists(plot);
                    System.err.println("deepfer: no face found, so no plot written" + (removed
                            ? " (the earlier " + plot + " removed)" : ""));
                } else {
                    timeline.writePlot(plot, input.getFileName().toString(), plotTracks);
                    System.err.println("deepfer: plot written to " + plot);
                }
            }
        } catch (java.io.IOException e) {
            System.err.println("deepfer: cannot write the output: " + e.getMessage());
            return 3;
        }
        if (out != null) {
            System.err.println("deepfer: annotated video written to " + out);
        }
        return 0;
    }

    /**
     * FFmpeg ends a stream at its first read error, so a file cut off or damaged mid-way reads as a
     * short video: said when fewer than 90% of the frames the header announces were decoded (a
     * warning, not a failure: a header's count is estimated from the container's duration, which a
     * longer audio track can stretch).
     */
    static Optional<String> shortStreamWarning(Timeline t) {
        long announced = t.info().frameCount();
        if (announced <= 0 || t.frames() >= 0.9 * announced) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the stream ended after %d of the %d frames its header "
                + "announces: cut off or damaged? (the analysis covers the frames read)", t.frames(), announced));
    }

    private void report(Timeline t, double seconds) {
        VideoInfo info = t.info();
        System.out.printf(Locale.ROOT, "%s (%dx%d, %.2f frames/s, %s): %d frame(s), %d track(s), %d face row(s); "
                + "%.1f s, %.2f frames/s%n", input, info.width(), info.height(), info.frameRate(), info.codec(),
                t.frames(), t.tracks().size(), t.rows().size(), seconds, t.frames() / Math.max(seconds, 1e-9));
        for (TrackSummary s : t.tracks()) {
            System.out.printf(Locale.ROOT,
                "  track #%d: frames %d-%d (recognised in %d, %.2f-%.2f s), mostly %s (mean %.2f)%n",
                    s.trackId(), s.firstFrame(), s.lastFrame(), s.frames(), s.firstSeconds(), s.lastSeconds(),
                    s.emotion().label(), s.meanProbability());
        }
    }

    /**
     * Checks {@code --out}, {@code --csv} and {@code --plot} before the video is read, so a long
     * analysis is not lost to an output that cannot be written: the input must exist, none may be
     * the input or another output (exit 2), and each one's folder must exist or be creatable, and be
     * writable. Returns the problem with an output that cannot be written (exit 3), if any.
     */
    private Optional<String> checkOutputs() throws java.io.IOException {
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException(input + ": no such file (a video file is expected)");
        }
        String[] names = {"--out", "--csv", "--plot"};
        Path[] paths = {out, csv, plot};
        for (int i = 0; i < paths.length; i++) {
            for (int j = 0; j < i; j++) {
                if (paths[i] != null && paths[j] != null
                        && paths[i].toAbsolutePath().normalize().equals(paths[j].toAbsolutePath().normalize())) {
                    throw new IllegalArgumentException(names[j] + " and " + names[i] + " name the same file "
                            + paths[i] + ": the second would replace the first");
                }
            }
        }
        for (int i = 0; i < paths.length; i++) {
            Path p = paths[i];
            if (p == null) {
                continue;
            }
            if (Files.exists(p) && Files.isSameFile(p, input)) {
                throw new IllegalArgumentException(names[i] + " would overwrite the input video " + input);
            }
            if (Files.isDirectory(p)) {
                throw new IllegalArgumentException(names[i] + " " + p + " is a folder; name a file");
            }
            Path folder = p.toAbsolutePath().getParent();
            try {
                Files.createDirectories(folder);
            } catch (java.io.IOException e) {
                return Optional.of(names[i] + " " + p + ": cannot create its folder (" + e + ")");
            }
            if (!Files.isWritable(folder)) {
                return Optional.of(names[i] + " " + p + ": its folder " + folder + " is not writable");
            }
        }
        return Optional.empty();
    }
}
