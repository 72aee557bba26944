package dev.deepfer.face;

import dev.deepfer.data.ImageDecodeException;
import dev.deepfer.data.ImageDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Recall and precision of a {@link FaceDetector} against hand-labelled photos. A detection matches
 * the unmatched labelled face it overlaps most if their IoU is at least the threshold; detections
 * are matched in descending score order, so each labelled face counts once.
 */
public final class DetectorEvaluation {
    /** IoU needed to count a detection as finding a labelled face (labels are tight squares). */
    public static final double DEFAULT_IOU = 0.4;

    private DetectorEvaluation() {
    }

    /** Counts for one photo. */
    public record ImageScore(String file, int labelled, int detected, int matched) {
        /** Found / labelled; 1 when nothing is labelled. */
        public double recall() {
            return labelled == 0 ? 1 : (double) matched / labelled;
        }

        /** Correct / detected; 1 when nothing is detected. */
        public double precision() {
            return detected == 0 ? 1 : (double) matched / detected;
        }
    }

    /** Per-photo scores and their sum. */
    public record Report(List<ImageScore> images, ImageScore overall, double iouThreshold) {
        /** A Markdown table: one row per photo, then the overall row. */
        public String toTable() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "| image | labelled | detected | matched (IoU >= %.2f) | recall | precision |%n"
                            + "| --- | ---: | ---: | ---: | ---: | ---: |%n", iouThreshold));
            for (ImageScore s : images) {
                sb.append(row(s));
            }
            return sb.append(row(overall)).toString();
        }

        private static String row(ImageScore s) {
            return String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f%% | %.1f%% |%n", s.file(), s.labelled(),
                    s.detected(), s.matched(), 100 * s.recall(), 100 * s.precision());
        }
    }

    /**
     * The labelled photos of a dlib-style sample folder: every image of {@code training.xml} and
     * {@code testing.xml} that exists, plus {@code dogs.jpg} (no human face) as a negative.
     */
    public static List<LabelledImage> sampleFolder(Path folder) throws IOException {
        List<LabelledImage> out = new ArrayList<>();
        for (String xml : List.of("training.xml", "testing.xml")) {
            Path file = folder.resolve(xml);
            if (Files.isRegularFile(file)) {
                out.addAll(LabelledImage.readDlibXml(file));
            }
        }
        Path dogs = folder.resolve("dogs.jpg");
        if (Files.isRegularFile(dogs)) {
            out.add(LabelledImage.negative(dogs));
        }
        return out;
    }

    /** Runs {@code detector} on every photo and scores it at {@code iouThreshold}. */
    public static Report evaluate(FaceDetector detector, List<LabelledImage> photos, double iouThreshold)
            throws IOException, ImageDecodeException {
        ImageDecoder decoder = new ImageDecoder();
        List<ImageScore> scores = new ArrayList<>();
        int labelled = 0;
        int detected = 0;
        int matched = 0;
        for (LabelledImage photo : photos) {
            List<FaceBox> found = detector.detect(decoder.decode(photo.file()).image());
            ImageScore s = new ImageScore(photo.file().getFileName().toString(), photo.faces().size(), found.size(),
                    match(found, photo.faces(), iouThreshold));
            scores.add(s);
            labelled += s.labelled();
            detected += s.detected();
            matched += s.matched();
        }
        return new Report(scores, new ImageScore("overall", labelled, detected, matched), iouThreshold);
    }

    /** How many labelled faces are found, matching detections greedily by descending score. */
    static int match(List<FaceBox> detections, List<FaceBox> labels, double iouThreshold) {
        boolean[] taken = new boolean[labels.size()];
        int matched = 0;
        List<FaceBox> ordered = detections.stream()
                .sorted(Comparator.comparingDouble(FaceBox::score).reversed()).toList();
        for (FaceBox d : ordered) {
            int best = -1;
            double bestIou = iouThreshold;
            for (int i = 0; i < labels.size(); i++) {
                double iou = d.iou(labels.get(i));
                if (!taken[i] && iou >= bestIou) {
                    best = i;
                    bestIou = iou;
                }
            }
            if (best >= 0) {
                taken[best] = true;
                matched++;
            }
        }
        return matched;
    }
}
