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

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code deepfer explain --stats}: explains FER2013 faces one at a time (batch 1, as a user's
 * request would), then prints the share of Grad-CAM mass inside the eyes-nose-mouth box per true
 * emotion against a uniform map, the time per face per member and in all (median, mean, 95th
 * percentile after a warm-up), and optionally writes a gallery of the first right and the first
 * wrong prediction of each emotion.
 */
record ExplainStats(Path csv, String split, Integer limit, Path gallery) {
    private static final int WARM_UP = 5;

    int run(Path bundle, ExplainOptions options, Optional<Emotion> target) throws IOException {
        Fer2013Split s = Fer2013Split.parse(split);
        try (LoadedModel model = Models.load(bundle)) {
            FaceDataset faces = Fer2013Csv.load(csv, s);
            if (limit != null) {
                faces = faces.sample(Math.min(limit, faces.count()), RegressionSubset.SEED);
            }
            Explainer explainer = new Explainer(model, options);
            List<String> members = model.members().stream().map(m -> m.name()).toList();
            RegionStatistics stats = new RegionStatistics(FaceRegion.EYES_NOSE_MOUTH, faces.imageSize(), members);
            for (int i = 0; i < Math.min(WARM_UP, faces.count()); i++) {
                explainer.explain(faces.select(new int[] {i}, "warm-up"), target);
            }
            double[][] memberMs = new double[members.size()][faces.count()];
            double[] totalMs = new double[faces.count()];
            double[] recogniseMs = new double[faces.count()];
            BatchAssembler assembler = new BatchAssembler(model.normalization(), model.inputSize());
            ExplanationPanel.Entry[][] picks = new ExplanationPanel.Entry[2][Emotion.COUNT];
            for (int i = 0; i < faces.count(); i++) {
                long t0 = System.nanoTime();
                model.logits(assembler.assembleViews(faces, new int[] {i}, TtaMode.NONE).images(), 1);
                recogniseMs[i] = (System.nanoTime() - t0) / 1e6;
                Explanations e = explainer.explain(faces.select(new int[] {i}, "face"), target);
                FaceExplanation f = e.faces().get(0);
                Emotion truth = faces.emotion(i);
                stats.add(f, truth);
                totalMs[i] = e.totalMillis();
                for (int m = 0; m < members.size(); m++) {
                    memberMs[m][i] = e.memberMillis()[m];
                }
                int row = f.predicted() == truth ? 0 : 1;
                if (picks[row][truth.ordinal()] == null) {
                    picks[row][truth.ordinal()] = new ExplanationPanel.Entry(f, String.format(Locale.ROOT,
                            "%s: said %s %.0f%%", truth.label(), f.predicted().label(),
                            100 * f.probabilities()[f.predicted().ordinal()]));
                }
            }
            System.out.printf(Locale.ROOT, "%s on FER2013 %s, %d faces, %s on layer %d, explaining %s; "
                            + "eyes-nose-mouth box = columns 10-37, rows 12-41 of the 48x48 face%n%n", model.name(),
                    s.csvName(), faces.count(), options.method().id(), options.layer(),
                    target.map(Emotion::label).orElse("the predicted emotion"));
            System.out.println(stats.markdown());
            System.out.println("| time per face (batch 1) | median ms | mean ms | p95 ms |\n|---|---:|---:|---:|");
            for (int m = 0; m < members.size(); m++) {
                printTiming(members.get(m) + " (forward, gradient, maps)", memberMs[m]);
            }
            printTiming(members.size() > 1 ? "**ensemble explanation, all members**" : "**whole explanation**",
                    totalMs);
            printTiming("recognition alone (the model's forward pass), for comparison", recogniseMs);
            if (gallery != null) {
                writeGallery(model.name(), s, picks);
            }
        }
        return 0;
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
        Path parent = gallery.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        ImageIO.write(ExplanationPanel.stack(parts), "png", gallery.toFile());
        System.out.println("\ngallery: " + gallery + " (" + Files.size(gallery) / 1024 + " KB)");
    }
}
