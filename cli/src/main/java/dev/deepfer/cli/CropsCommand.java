package dev.deepfer.cli;

import dev.deepfer.data.Emotion;
import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.Fer2013Csv;
import dev.deepfer.data.Fer2013Split;
import dev.deepfer.data.ImageDecoder;
import dev.deepfer.face.AlignedFace;
import dev.deepfer.face.FaceAligner;
import dev.deepfer.face.FaceBox;
import dev.deepfer.face.HaarFaceDetector;
import dev.deepfer.report.CropStrip;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code deepfer crops}: a PNG of the aligned 48x48 crops the model is fed from given photos, above
 * the mean FER2013 Training face of each emotion, to check by eye that the framing matches the training
 * data. The PNG shows the photos' faces, so it belongs in a local folder, not in the repository.
 */
@Command(name = "crops", mixinStandardHelpOptions = true,
        description = "Write a PNG of the aligned crops of photos beside the mean FER2013 training face of each "
                + "emotion (framing check).")
public final class CropsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<photo>", arity = "1..*", description = "Photos whose faces to align.")
    List<Path> photos;

    @Option(names = "--out", required = true, paramLabel = "<strip.png>", description = "The PNG to write.")
    Path out;

    @Option(names = "--per-photo", defaultValue = "2", description = "Faces per photo, best scores first (default: ${DEFAULT-VALUE}).")
    int perPhoto;

    @Option(names = "--scale", defaultValue = "3", description = "Enlargement of each 48-pixel crop (default: ${DEFAULT-VALUE}).")
    int scale;

    @Mixin DataOptions data;

    @Override
    public Integer call() throws Exception {
        if (perPhoto < 1) {
            throw new IllegalArgumentException("--per-photo must be at least 1, got " + perPhoto);
        }
        Path csv = data.fer2013();
        List<CropStrip.Tile> aligned = new ArrayList<>();
        ImageDecoder decoder = new ImageDecoder();
        try (HaarFaceDetector detector = new HaarFaceDetector(); FaceAligner aligner = new FaceAligner()) {
            for (Path p : photos) {
                BufferedImage img = decoder.decode(p).image();
                List<FaceBox> boxes = detector.detect(img);
                for (AlignedFace f : aligner.alignAll(img, boxes.subList(0, Math.min(perPhoto, boxes.size())))) {
                    aligned.add(new CropStrip.Tile(f.pixels(), f.size(), String.format(Locale.ROOT, "%s %s",
                            f.eyesFound() ? Math.round(f.rotationDegrees()) + "°" : "(no eyes)", stem(p))));
                }
            }
        }
        if (aligned.isEmpty()) {
            throw new IllegalArgumentException("no face found in the given photos");
        }
        List<CropStrip.Tile> fer = meanFaces(Fer2013Csv.load(csv, Fer2013Split.TRAINING));
        CropStrip.write(List.of(
                new CropStrip.Row("aligned by deepfer (Haar box, eyes levelled, side 1.05 x box, 48x48 grey)", aligned),
                new CropStrip.Row("FER2013 Training (mean face of each emotion)", fer)),
                "What the model sees: aligned photo crops vs FER2013", scale, out);
        System.err.println("deepfer: " + aligned.size() + " aligned crop(s) and " + fer.size()
                + " FER2013 mean face(s) written to " + out);
        return 0;
    }

    /**
     * The pixel-wise mean of every face of each emotion present, rounded half up (as
     * tools/fer_mean_face.py --png computes docs/fer2013-mean-faces.png): an aggregate, not any one face.
     */
    static List<CropStrip.Tile> meanFaces(FaceDataset faces) {
        int area = faces.imageSize() * faces.imageSize();
        long[][] sums = new long[Emotion.COUNT][area];
        byte[] face = new byte[area];
        for (int i = 0; i < faces.count(); i++) {
            faces.copyImage(i, face, 0);
            long[] sum = sums[faces.label(i)];
            for (int p = 0; p < area; p++) {
                sum[p] += face[p] & 0xFF;
            }
        }
        int[] counts = faces.classCounts();
        List<CropStrip.Tile> tiles = new ArrayList<>();
        for (Emotion e : Emotion.values()) {
            int n = counts[e.ordinal()];
            if (n > 0) {
                byte[] mean = new byte[area];
                for (int p = 0; p < area; p++) {
                    mean[p] = (byte) ((2 * sums[e.ordinal()][p] + n) / (2L * n));
                }
                tiles.add(new CropStrip.Tile(mean, faces.imageSize(), e.label() + ", n=" + n));
            }
        }
        return tiles;
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
