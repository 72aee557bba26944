package dev.deepfer.cli;

import dev.deepfer.data.DecodedImage;
import dev.deepfer.data.Emotion;
import dev.deepfer.eval.DatasetScorer;
import dev.deepfer.explain.CamMethod;
import dev.deepfer.explain.ExplainOptions;
import dev.deepfer.explain.Explainer;
import dev.deepfer.explain.ExplanationJson;
import dev.deepfer.explain.ExplanationPanel;
import dev.deepfer.explain.Explanations;
import dev.deepfer.explain.FaceExplanation;
import dev.deepfer.explain.MemberExplanation;
import dev.deepfer.face.FaceBox;
import dev.deepfer.infer.EmotionRecognizer;
import dev.deepfer.report.PngFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code deepfer explain}: why the model says what it says about each face of a photo — one PNG
 * panel per face (the crop, each member's Grad-CAM, the ensemble's, each member's CBAM attention,
 * probability bars) — or, with {@code --stats}, where Grad-CAM looks on FER2013 faces and what it
 * costs.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explain the emotions of the faces in a photo: Grad-CAM per member and for the ensemble, "
                + "CBAM attention, probabilities; one PNG panel per face.",
            "With --stats: on FER2013 faces, the share of Grad-CAM mass inside the eyes-nose-mouth box per emotion "
                + "against a uniform map, the time per face, and a gallery of right and wrong predictions."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done", "1:internal error", "2:bad arguments, or the image or the model is missing",
            "3:the image could not be decoded"})
public final class ExplainCommand implements Callable<Integer> {
    /** Options that only explaining a photo uses, and options that only {@code --stats} uses. */
    private static final List<String> PHOTO_ONLY = List.of("--json", "--scale", "--out");
    private static final List<String> STATS_ONLY = List.of("--split", "--limit", "--gallery", "--timing-faces", "--data");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<image>") Path image;

    @Option(names = "--model", description = "Model bundle, member or ensemble (default: the bundled default model).")
    Path model;

    @Option(names = "--target", description = "Emotion to explain (default: each face's predicted one): "
            + "angry, disgust, fear, happy, sad, surprise, neutral.") String target;

    @Option(names = "--out", defaultValue = "local/explain", description = "Directory for the panels, "
            + "<image file name>.face<n>.explain.png (default: ${DEFAULT-VALUE}, which git ignores: panels show "
            + "the faces of your photos).")
    Path out;

    @Option(names = "--method", defaultValue = "grad-cam", description = "grad-cam or grad-cam++ (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--layer", defaultValue = "-1", description = "Feature stage whose output Grad-CAM explains; "
            + "negative counts from the end (default: ${DEFAULT-VALUE}, the last convolutional stage).") int layer;

    @Option(names = "--attention-stages", split = ",", paramLabel = "<n>",
            description = "Feature stages whose CBAM attention is shown (default: all with CBAM).")
    List<Integer> attentionStages = List.of();

    @Option(names = "--scale", defaultValue = "4",
            description = "Enlargement of the face tiles in panels and JSON overlays (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--json", description = "Print the explanations as JSON (overlays as PNG data URLs) instead of text.")
    boolean json;

    @Option(names = "--stats", description = "Measure on FER2013 instead of explaining a photo.") boolean stats;

    @Mixin DataOptions data;

    @Option(names = "--split", defaultValue = "PrivateTest", description = "FER2013 split for --stats.") String split;

    @Option(names = "--limit", description = "With --stats: a seeded sample of this many faces.") Integer limit;

    @Option(names = "--gallery", description = "With --stats: write a gallery PNG of right and wrong predictions here.")
    Path gallery;

    @Option(names = "--timing-faces", defaultValue = "200",
            description = "With --stats: time this many faces one at a time (default: ${DEFAULT-VALUE}).")
    int timingFaces;

    @Override
    public Integer call() throws Exception {
        if (scale < 1 || scale > 16) {
            throw new IllegalArgumentException("--scale must be between 1 and 16, got " + scale);
        }
        refuseUnused();
        ExplainOptions options = new ExplainOptions(CamMethod.of(method), layer, attentionStages);
        Optional<Emotion> wanted = target == null ? Optional.empty() : Optional.of(Emotion.parse(target));
        Path bundle = ModelOption.bundle(model);
        if (stats) {
            if (image != null) {
                throw new IllegalArgumentException("--stats measures on FER2013; do not name an image");
            }
            return new ExplainStats(data.fer2013(), split, limit, gallery, timingFaces).run(bundle, options, wanted);
        }
        if (image == null) {
            throw new IllegalArgumentException("name an image to explain, or use --stats");
        }
        try (EmotionRecognizer recognizer = EmotionRecognizer.load(bundle)) {
            Explainer explainer = new Explainer(recognizer, options);
            DecodedImage decoded = recognizer.decode(image);
            Explanations e = explainer.explain(decoded.image(), wanted);
            if (json) {
                System.out.println(ExplanationJson.of(e, options, scale, false).put("image", image.toString())
                        .put("width", decoded.width()).put("height", decoded.height()));
                return 0;
            }
            System.out.printf(Locale.ROOT, "%s (%dx%d): %d face(s), %s on layer %d, %.0f ms%n", image,
                    decoded.width(), decoded.height(), e.faces().size(), options.method().id(), layer, e.totalMillis());
            Files.createDirectories(out);
            String name = image.getFileName().toString(); // the whole name: x.jpg's panels are not x.png's
            for (int i = 0; i < e.faces().size(); i++) {
                FaceExplanation f = e.faces().get(i);
                Path png = out.resolve(String.format(Locale.ROOT, "%s.face%d.explain.png", name, i + 1));
                PngFile.write(ExplanationPanel.panel(f, scale), png);
                print(i + 1, f, png);
            }
            printTiming(e);
        }
        return 0;
    }

    /** Refuses the options that this mode would ignore, rather than ignoring them. */
    private void refuseUnused() {
        List<String> unused = Commands.given(spec, stats ? PHOTO_ONLY : STATS_ONLY);
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", unused) + (stats
                    ? " explain a photo; --stats does not use " : " go with --stats; explaining a photo does not use ")
                    + (unused.size() == 1 ? "it" : "them"));
        }
        if (json && !Commands.given(spec, List.of("--out")).isEmpty()) {
            throw new IllegalArgumentException("--out is for the PNG panels, which --json does not write (its "
                    + "overlays are in the JSON)");
        }
    }

    private static void print(int n, FaceExplanation f, Path png) {
        float[] p = f.probabilities();
        FaceBox b = f.box().orElseThrow();
        System.out.printf(Locale.ROOT, "  face %d at x=%d y=%d %dx%d: %s %.2f, explaining %s -> %s%n", n, b.x(), b.y(),
                b.width(), b.height(), f.predicted().label(), p[f.predicted().ordinal()], f.target().label(), png);
        for (MemberExplanation m : f.members()) {
            float[] mp = m.probabilities();
            int top = DatasetScorer.argmax(mp);
            System.out.printf(Locale.ROOT, "    %s (weight %.3f): %s %.2f%n", m.name(), m.weight(),
                    Emotion.ofIndex(top).label(), mp[top]);
        }
    }

    private static void printTiming(Explanations e) {
        if (e.faces().isEmpty()) {
            return;
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "  time per face: %.1f ms in all",
                e.totalMillis() / e.faces().size()));
        for (int m = 0; m < e.members().size(); m++) {
            s.append(String.format(Locale.ROOT, ", %s %.1f ms", e.members().get(m),
                    e.memberMillis()[m] / e.faces().size()));
        }
        System.out.println(s);
    }
}
