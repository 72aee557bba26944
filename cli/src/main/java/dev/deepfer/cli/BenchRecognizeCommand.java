package dev.deepfer.cli;

import dev.deepfer.data.DecodedImage;
import dev.deepfer.data.ImageDecoder;
import dev.deepfer.face.AlignedFace;
import dev.deepfer.face.FaceAligner;
import dev.deepfer.face.FaceBox;
import dev.deepfer.face.HaarFaceDetector;
import dev.deepfer.infer.EmotionRecognizer;
import dev.deepfer.video.FrameRecognizer;
import dev.deepfer.video.Smoothing;
import dev.deepfer.video.SyntheticVideo;
import dev.deepfer.video.Timeline;
import dev.deepfer.video.TrackerOptions;
import dev.deepfer.video.VideoAnalyzer;
import dev.deepfer.video.VideoOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code deepfer bench recognize}: per-face model latency at batch 1, throughput at batch 32,
 * end-to-end time (decode → detect → align → model) per photo and for 640x480 scenes with one and
 * six faces built from the photos' faces, frames/s through a 640x480 video, and the process's
 * resident memory once the model is loaded and at its peak.
 */
@Command(name = "recognize", mixinStandardHelpOptions = true,
        description = "Latency and throughput of the recognition pipeline on given photos.")
public final class BenchRecognizeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<photo>", arity = "1..*", description = "Photos to time end to end.") List<Path> photos;
    @Mixin RecognizerOptions recognizerOptions;
    @Option(names = "--repeat", defaultValue = "20") int repeat;
    @Option(names = "--scenes", description = "Also time 640x480 scenes with one and with six of the photos' faces.")
    boolean scenes;
    @Option(names = "--video-frames", defaultValue = "0", paramLabel = "<n>",
            description = "Also time a 640x480 clip of n frames at 25 frames/s (the 640x480 one-face scenes of the "
                    + "photos blending into one another), with and without writing the annotated copy "
                    + "(default: ${DEFAULT-VALUE}, no video).")
    int videoFrames;
    @Option(names = "--keep-clip", paramLabel = "<clip.mp4>", description = "Keep the generated clip here.")
    Path keepClip;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
        }
        try (EmotionRecognizer r = recognizerOptions.load();
             HaarFaceDetector detector = new HaarFaceDetector(); FaceAligner aligner = new FaceAligner()) {
            long loadedRss = BenchTrainCommand.rssMb();
            ImageDecoder decoder = new ImageDecoder();
            List<AlignedFace> pool = new ArrayList<>();
            List<BenchScenes.Face> faces = new ArrayList<>();
            Map<Path, BufferedImage> images = new HashMap<>();
            for (Path p : photos) {
                BufferedImage img = decoder.decode(p).image();
                images.put(p, img);
                List<FaceBox> boxes = detector.detect(img);
                boxes.forEach(b -> faces.add(new BenchScenes.Face(img, b)));
                pool.addAll(aligner.alignAll(img, boxes));
            }
            if (pool.isEmpty()) {
                throw new IllegalArgumentException("no face found in the given photos");
            }
            List<AlignedFace> one = List.of(pool.get(0));
            double single = median(() -> r.classify(one));
            List<AlignedFace> batch = new ArrayList<>(Collections.nCopies(32 / pool.size() + 1, pool).stream()
                    .flatMap(List::stream).limit(32).toList());
            double b32 = median(() -> r.classify(batch));
            System.out.printf(Locale.ROOT, "{\"model\": \"%s\", \"members\": %d, \"rss_after_load_mb\": %d, "
                    + "\"face_latency_batch1_ms\": %.2f, \"faces_per_s_batch32\": %.1f}%n", r.model().name(),
                    r.model().members().size(), loadedRss, single, 32_000 / b32);
            for (Path p : photos) {
                byte[] bytes = Files.readAllBytes(p);
                DecodedImage probe = decoder.decode(bytes, p.toString());
                int found = r.recognize(bytes, p.toString()).faces().size();
                double ms = median(() -> r.recognize(bytes, p.toString()));
                System.out.printf(Locale.ROOT, "{\"photo\": \"%s\", \"width\": %d, \"height\": %d, \"faces\": %d, "
                        + "\"end_to_end_ms\": %.1f}%n", p.getFileName(), probe.width(), probe.height(), found, ms);
            }
            if (scenes) {
                scene(r, "640x480 one face", BenchScenes.oneFace(faces.get(0)));
                scene(r, "640x480 six faces", BenchScenes.sixFaces(faces));
            }
            if (videoFrames > 0) {
                List<BufferedImage> stills = new ArrayList<>();
                for (Path p : photos) {
                    faces.stream().filter(f -> f.photo() == images.get(p)).findFirst()
                            .ifPresent(f -> stills.add(BenchScenes.oneFace(f)));
                }
                video(r, stills);
            }
            System.out.printf(Locale.ROOT, "{\"peak_rss_mb\": %d}%n", BenchTrainCommand.peakRssMb());
        }
        return 0;
    }

    /** End-to-end time of an in-memory scene (no decoding): detect, align, model. */
    private void scene(EmotionRecognizer r, String name, BufferedImage image) throws Exception {
        int found = r.recognize(image).size();
        double ms = median(() -> r.recognize(image));
        System.out.printf(Locale.ROOT, "{\"scene\": \"%s\", \"faces_found\": %d, \"end_to_end_ms\": %.1f}%n", name,
                found, ms);
    }

    /** Frames/s through a generated clip: decode, recognise, track, smooth; then also draw and encode. */
    private void video(EmotionRecognizer r, List<BufferedImage> stills) throws Exception {
        Path dir = Files.createTempDirectory("deepfer-bench-video");
        try {
            Path clip = keepClip != null ? keepClip : dir.resolve("clip.mp4");
            SyntheticVideo.crossFade(stills, videoFrames, 25, clip);
            Optional<Path> annotated = Optional.of(dir.resolve("annotated.mp4"));
            for (int every : new int[] {1, 3}) {
                VideoAnalyzer analyzer = new VideoAnalyzer(FrameRecognizer.of(r),
                        new VideoOptions(TrackerOptions.defaults(), Smoothing.DEFAULT_HALF_LIFE_SECONDS, every));
                for (Optional<Path> out : every == 1 ? List.of(Optional.<Path>empty(), annotated) : List.of(annotated)) {
                    long t0 = System.nanoTime();
                    Timeline t = analyzer.analyze(clip, out, (frame, tracked) -> { });
                    double s = (System.nanoTime() - t0) / 1e9;
                    System.out.printf(Locale.ROOT, "{\"video\": \"640x480, %d frames\", \"detect_every\": %d, "
                            + "\"annotated_output\": %b, \"face_rows\": %d, \"frames_per_s\": %.2f}%n", t.frames(), every,
                            out.isPresent(), t.rows().size(), t.frames() / s);
                }
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Timed work that may throw. */
    private interface Work {
        void run() throws Exception;
    }

    private double median(Work w) throws Exception {
        for (int i = 0; i < 3; i++) {
            w.run();
        }
        double[] ms = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            w.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[repeat / 2];
    }
}
