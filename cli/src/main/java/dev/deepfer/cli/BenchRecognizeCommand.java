package dev.deepfer.cli;

import dev.deepfer.data.DecodedImage;
import dev.deepfer.data.ImageDecoder;
import dev.deepfer.face.AlignedFace;
import dev.deepfer.face.FaceAligner;
import dev.deepfer.face.HaarFaceDetector;
import dev.deepfer.infer.EmotionRecognizer;
import dev.deepfer.infer.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code deepfer bench recognize}: per-face model latency at batch 1, throughput at batch 32, and
 * end-to-end time (decode → detect → align → model) per photo, with the process's peak RSS.
 */
@Command(name = "recognize", mixinStandardHelpOptions = true,
        description = "Latency and throughput of the recognition pipeline on given photos.")
public final class BenchRecognizeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<photo>", arity = "1..*", description = "Photos to time end to end.") List<Path> photos;
    @Option(names = "--model", description = "Model bundle (default: the bundled default model).") Path model;
    @Option(names = "--repeat", defaultValue = "20") int repeat;

    @Override
    public Integer call() throws Exception {
        try (EmotionRecognizer r = EmotionRecognizer.load(model != null ? model : ModelBundle.defaultLocation());
             HaarFaceDetector detector = new HaarFaceDetector(); FaceAligner aligner = new FaceAligner()) {
            ImageDecoder decoder = new ImageDecoder();
            List<AlignedFace> pool = new ArrayList<>();
            for (Path p : photos) {
                BufferedImage img = decoder.decode(p).image();
                pool.addAll(aligner.alignAll(img, detector.detect(img)));
            }
            if (pool.isEmpty()) {
                throw new IllegalArgumentException("no face found in the given photos");
            }
            List<AlignedFace> one = List.of(pool.get(0));
            double single = median(() -> r.classify(one));
            List<AlignedFace> batch = new ArrayList<>(Collections.nCopies(32 / pool.size() + 1, pool).stream()
                    .flatMap(List::stream).limit(32).toList());
            double b32 = median(() -> r.classify(batch));
            System.out.printf(Locale.ROOT, "{\"model\": \"%s\", \"face_latency_batch1_ms\": %.2f, "
                    + "\"faces_per_s_batch32\": %.1f}%n", r.model().name(), single, 32_000 / b32);
            for (Path p : photos) {
                byte[] bytes = Files.readAllBytes(p);
                DecodedImage probe = decoder.decode(bytes, p.toString());
                int faces = r.recognize(bytes, p.toString()).faces().size();
                double ms = median(() -> r.recognize(bytes, p.toString()));
                System.out.printf(Locale.ROOT, "{\"photo\": \"%s\", \"width\": %d, \"height\": %d, \"faces\": %d, "
                        + "\"end_to_end_ms\": %.1f}%n", p.getFileName(), probe.width(), probe.height(), faces, ms);
            }
            System.out.printf(Locale.ROOT, "{\"peak_rss_mb\": %d}%n", BenchTrainCommand.peakRssMb());
        }
        return 0;
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
