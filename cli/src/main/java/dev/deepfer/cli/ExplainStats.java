package dev.deepfer.cli;

import dev.deepfer.data.BatchAssembler;
import dev.deepfer.data.Emotion;
import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.Fer2013Csv;
import dev.deepfer.data.Fer2013Split;
import dev.deepfer.data.TtaMode;
import dev.deepfer.eval.RegressionSubset;
import dev.deepfer.explain.ExplainOptions;
import dev.deepfer.explain.Explainer;
import dev.deepfer.explain.ExplanationPanel;
import dev.deepfer.explain.Explanations;
import dev.deepfer.explain.FaceExplanation;
import dev.deepfer.explain.FaceRegion;
import dev.deepfer.explain.RegionStatistics;
import dev.deepfer.infer.LoadedModel;
import dev.deepfer.infer.Models;
import dev.deepfer.report.PngFile;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * {@code deepfer explain --stats}: explains FER2013 faces (in batches) and prints the share of
 * Grad-CAM mass inside the eyes-nose-mouth box per true emotion against a uniform map; times the
 * first faces one at a time, as single requests would come (median, mean, 95th percentile per
 * member, in all, and for plain recognition, after a warm-up); optionally writes a gallery of the
 * first right and the first wrong prediction of each emotion.
 */
record ExplainStats(Path csv, String split, Integer limit, Path gallery, int timingFaces) {
    private static final int WARM_UP = 5;
    /** Faces explained per call for the statistics (batched: the maps do not depend on the batch). */
    private static final int CHUNK = 256;

    int run(Path bundle, ExplainOptions options, Optional<Emotion> target) throws IOException {
        if (timingFaces < 0 || (limit != null && limit < 1)) {
            throw new IllegalArgumentException("--limit must be positive and --timing-faces not negative");
        }
        Fer2013Split s = Fer2013Split.parse(split);
        try (LoadedModel model = Models.load(bundle)) {
            FaceDataset faces = Fer2013Csv.load(csv, s);
            if (limit != null) {
                faces = faces.sample(Math.min(limit, faces.count()), RegressionSubset.SEED);
            }
            Explainer explainer = new Explainer(model, options);
            List<String> members = model.members().stream().map(m -> m.name()).toList();
            RegionStatistics stats = new RegionStatistics(FaceRegion.EYES_NOSE_MOUTH, faces.imageSize(), members);
            ExplanationPanel.Entry[][] picks = new ExplanationPanel.Entry[2][Emotion.COUNT];
            for (int from = 0; from < faces.count(); from += CHUNK) {
                int[] idx = IntStream.range(from, Math.min(faces.count(), from + CHUNK)).toArray();
                List<FaceExplanation> explained = explainer.explain(faces.select(idx, "chunk"), target).faces();
                for (int k = 0; k < idx.length; k++) {
                    add(stats, picks, explained.get(k), faces.emotion(idx[k]));
                }
            }
            double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            Timing timing = time(model, explainer, faces, target, members.size());
            double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            System.out.printf(Locale.ROOT, "%s on FER2013 %s, %d faces, %s on layer %d, explaining %s; "
                            + "eyes-nose-mouth box = columns 10-37, rows 12-41 of the 48x48 face%n%n", model.name(),
                    s.csvName(), faces.count(), options.method().id(), options.layer(),
                    target.map(Emotion::label).orElse("the predicted emotion"));
            System.out.println(stats.markdown());
            if (timing.total().length > 0) {
                System.out.printf(Locale.ROOT, "system load average (1 min) while timing: %.1f before, %.1f after, "
                        + "%d cores%n%n", loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
                System.out.printf(Locale.ROOT, "| time per face (batch 1, %d faces) | median ms | mean ms | p95 ms |%n"
                        + "|---|---:|---:|---:|%n", timing.total().length);
                for (int m = 0; m < members.size(); m++) {
                    printTiming(members.get(m) + " (forward, gradient, maps)", timing.members()[m]);
                }
                printTiming(members.size() > 1 ? "**ensemble explanation, all members**" : "**whole explanation**",
                        timing.total());
                printTiming("recognition alone (the model's forward pass), for comparison", timing.recognise());
            }
            if (gallery != null) {
                writeGallery(model.name(), s, picks);
            }
        }
        return 0;
    }

    private static void add(RegionStatistics stats, ExplanationPanel.Entry[][] picks, FaceExplanation f,
                            Emotion truth) {
        stats.add(f, truth);
        int row = f.predicted() == truth ? 0 : 1;
        if (picks[row][truth.ordinal()] == null) {
            picks[row][truth.ordinal()] = new ExplanationPanel.Entry(f, String.format(Locale.ROOT,
                    "%s: said %s %.0f%%", truth.label(), f.predicted().label(),
                    100 * f.probabilities()[f.predicted().ordinal()]));
        }
    }

    /** Milliseconds per face: each member's share, the whole explanation, and plain recognition. */
    private record Timing(double[][] members, double[] total, double[] recognise) {
    }

    /** Explains (and recognises) the first faces one at a time, as single requests would, after a warm-up. */
    private Timing time(LoadedModel model, Explainer explainer, FaceDataset faces, Optional<Emotion> target,
                        int memberCount) {
        int n = Math.min(timingFaces, faces.count());
        for (int i = 0; i < Math.min(WARM_UP, n); i++) {
            explainer.explain(faces.select(new int[] {i}, "warm-up"), target);
        }
        Timing t = new Timing(new double[memberCount][n], new double[n], new double[n]);
        BatchAssembler assembler = new BatchAssembler(model.normalization(), model.inputSize());
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            model.logits(assembler.assembleViews(faces, new int[] {i}, TtaMode.NONE).images(), 1);
            t.recognise()[i] = (System.nanoTime() - t0) / 1e6;
            Explanations e = explainer.explain(faces.select(new int[] {i}, "face"), target);
            t.total()[i] = e.totalMillis();
            for (int m = 0; m < memberCount; m++) {
                t.members()[m][i] = e.memberMillis()[m];
            }
        }
        return t;
    }

    private static void printTiming(String label, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", label, sorted[sorted.length / 2],
                Arrays.stream(ms).average().orElse(0), sorted[(int) Math.min(sorted.length - 1, 0.95 * sorted.length)]);
    }

    private void writeGallery(String model, Fer2013Split s, ExplanationPanel.Entry[][] picks) throws IOException {
        List<BufferedImage> parts = new ArrayList<>();
        String[] titles = {"Right: the first correct prediction of each emotion (true: said), face | Grad-CAM",
            "Wrong: the first mistake on each emotion (true: said)"};
        for (int row = 0; row < 2; row++) {
            List<ExplanationPanel.Entry> entries = Arrays.stream(picks[row]).filter(java.util.Objects::nonNull).toList();
            if (!entries.isEmpty()) {
                parts.add(ExplanationPanel.gallery(titles[row] + " · " + model + " · FER2013 " + s.csvName(),
                        entries, Emotion.COUNT, 2));
            }
        }
        if (parts.isEmpty()) {
            return;
        }
        PngFile.write(ExplanationPanel.stack(parts), gallery);
        System.out.println("\ngallery: " + gallery + " (" + Files.size(gallery) / 1024 + " KB)");
    }
}
