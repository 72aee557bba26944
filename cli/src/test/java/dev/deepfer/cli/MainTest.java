package dev.deepfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.deepfer.data.Emotion;
import dev.deepfer.data.Fer2013Csv;
import dev.deepfer.data.Normalization;
import dev.deepfer.eval.EvaluationReport;
import dev.deepfer.infer.BundleManifest;
import dev.deepfer.infer.ModelBundle;
import dev.deepfer.model.Architecture;
import dev.deepfer.model.FerNetwork;
import dev.deepfer.model.NetworkOptions;
import dev.deepfer.model.Stem;
import dev.deepfer.nn.CbamPlacement;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's exit codes and messages, with System.out and System.err captured. */
class MainTest {
    @TempDir
    Path dir;

    private static final Path DEFAULT_BUNDLE = Path.of("..", "models", "default");

    /** The shared sample photos; skips the test when they or the default bundle are missing. */
    private static Path assumeDefaultBundleAndSamples() {
        java.util.Optional<Path> samples = dev.deepfer.data.SharedData.samples();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(DEFAULT_BUNDLE) && samples.isPresent(),
                "default bundle or shared samples missing: skipping");
        return samples.get();
    }

    /** Exit code and what the command printed. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        return capture(() -> Main.execute(args));
    }

    /** Something that prints and returns a number (an exit code, a count). */
    interface Action {
        int run() throws Exception;
    }

    /** What {@code action} returned and printed. */
    static Run capture(Action action) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            code = action.run();
        } catch (Exception e) {
            throw new AssertionError("the action threw " + e, e);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path tinyCsv() throws IOException {
        return tinyCsv(dir);
    }

    /** A valid FER2013 CSV with one grey face per split, in {@code dir}. */
    static Path tinyCsv(Path dir) throws IOException {
        String pixels = IntStream.range(0, Fer2013Csv.PIXELS).mapToObj(i -> Integer.toString(i % 256))
                .collect(Collectors.joining(" "));
        List<String> lines = new ArrayList<>();
        lines.add(Fer2013Csv.HEADER);
        lines.add("3," + pixels + ",Training");
        lines.add("0," + pixels + ",PublicTest");
        lines.add("6," + pixels + ",PrivateTest");
        return Files.write(dir.resolve("tiny.csv"), lines);
    }

    /** {@link #tinyCsv(Path)} with its training face repeated to 16, one batch of 16 for a 1-epoch run. */
    static Path sixteenFaceCsv(Path dir) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(tinyCsv(dir)));
        String face = lines.get(1);
        for (int i = 0; i < 15; i++) {
            lines.add(face);
        }
        return Files.write(dir.resolve("sixteen.csv"), lines);
    }

    @Test
    void helpListsTheCommands() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("train", "evaluate", "bench");
        assertThat(r.out()).containsPattern("(?m)^  spark +Batch recognition");
    }

    @Test
    void benchGradientsReportsTheNormAndReproducibility() {
        Run r = run("bench", "gradients", "--arch", "multiscale-cnn-cbam", "--batch", "4", "--repeat", "2",
                "--top", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("multiscale-cnn-cbam (cbam block, imagenet stem), batch 4 of 44x44")
                .containsPattern("global gradient norm: [0-9.]+")
                .contains("2 identical passes: 0 differ from the first, 0 not finite");
        assertThat(r.out().lines().filter(l -> l.startsWith("  ")).count()).isEqualTo(2);
        assertThat(run("bench", "gradients", "--arch", "multiscale-cnn-cbam", "--batch", "1").code()).isNotZero();
    }

    @Test
    void unknownArchitectureListsTheValidNames() {
        Run r = run("train", "--arch", "vgg16", "--out", dir.resolve("x").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("vgg16").contains(Architecture.names());
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void evaluateWithoutABundleSaysSo() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run r = run("evaluate", "--model", empty.toString(), "--data", tinyCsv().toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("no model bundle").contains(empty.toString());
    }

    @Test
    void evaluateReportsABundleOnTheSplit() throws IOException {
        Path bundle = tinyBundle(dir.resolve("bundle"));
        Run r = run("evaluate", "--model", bundle.toString(), "--data", tinyCsv().toString(), "--split",
                "PrivateTest", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        EvaluationReport report = EvaluationReport.fromJson(r.out().trim());
        assertThat(report.model()).isEqualTo("tiny");
        assertThat(report.split()).isEqualTo("PrivateTest");
        assertThat(report.n()).isEqualTo(1);
    }

    @Test
    void evaluateUnseenLeavesOutTestImagesThatTrainingHoldsACopyOf() throws IOException {
        Path bundle = tinyBundle(dir.resolve("bundle"));
        // tiny.csv's PrivateTest face is its Training face; add one that Training does not hold
        List<String> lines = new ArrayList<>(Files.readAllLines(tinyCsv()));
        String other = IntStream.range(0, Fer2013Csv.PIXELS).mapToObj(i -> Integer.toString((7 * i) % 256))
                .collect(Collectors.joining(" "));
        lines.add("2," + other + ",PrivateTest");
        Path csv = Files.write(dir.resolve("with-new-face.csv"), lines);

        Run all = run("evaluate", "--model", bundle.toString(), "--data", csv.toString(), "--json");
        Run unseen = run("evaluate", "--model", bundle.toString(), "--data", csv.toString(), "--json", "--unseen",
                "--record");
        assertThat(unseen.code()).as(unseen.err()).isZero();
        assertThat(EvaluationReport.fromJson(all.out().trim()).n()).isEqualTo(2);
        assertThat(EvaluationReport.fromJson(unseen.out().trim()).n()).isEqualTo(1);
        assertThat(unseen.err()).contains("PrivateTest: 1 of 2 images have no copy in Training")
                .contains("metrics.PrivateTest_unseen");

        Run none = run("evaluate", "--model", bundle.toString(), "--data", tinyCsv().toString(), "--unseen");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("every PrivateTest image", "has a copy in Training");
        Run training = run("evaluate", "--model", bundle.toString(), "--data", csv.toString(), "--unseen",
                "--split", "Training");
        assertThat(training.code()).isEqualTo(2);
        assertThat(training.err()).contains("choose PublicTest or PrivateTest");
    }

    @Test
    void explainStatsReportsTheBoxShareTimingAndGallery() throws IOException {
        Path gallery = dir.resolve("docs/gallery.png");
        Run r = run("explain", "--stats", "--model", tinyBundle(dir.resolve("bundle")).toString(), "--data", tinyCsv().toString(),
                "--gallery", gallery.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("FER2013 PrivateTest, 1 faces", "| neutral | 1 |", "| **all** | 1 |",
                "43.4% |", "recognition alone");
        assertThat(gallery).isRegularFile();

        Run both = run("explain", "--stats", "x.jpg", "--model", tinyBundle(dir.resolve("bundle")).toString());
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("do not name an image");
        Run badTarget = run("explain", "x.jpg", "--target", "joy");
        assertThat(badTarget.code()).isEqualTo(2);
        assertThat(badTarget.err()).contains("joy", "angry, disgust, fear");
        Run badMethod = run("explain", "x.jpg", "--method", "lime");
        assertThat(badMethod.code()).isEqualTo(2);
        assertThat(badMethod.err()).contains("grad-cam, grad-cam++");
    }

    @Test
    void explainWritesOnePanelPerFace() throws IOException {
        Path bundle = DEFAULT_BUNDLE;
        Path samples = assumeDefaultBundleAndSamples();
        Path out = dir.resolve("panels");
        Run r = run("explain", samples.resolve("angry_man.jpg").toString(), "--model", bundle.toString(),
                "--target", "fear", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 face(s)", "angry", "explaining fear", "time per face");
        Path jpgPanel = out.resolve("angry_man.jpg.face1.explain.png");
        assertThat(jpgPanel).isRegularFile();
        byte[] jpgPanelBytes = Files.readAllBytes(jpgPanel);

        // the same photo as a PNG, explained for another emotion into the same directory: its own panel
        Path png = dir.resolve("angry_man.png");
        javax.imageio.ImageIO.write(javax.imageio.ImageIO.read(samples.resolve("angry_man.jpg").toFile()), "png",
                png.toFile());
        Run second = run("explain", png.toString(), "--model", bundle.toString(), "--target", "happy",
                "--out", out.toString());
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(out.resolve("angry_man.png.face1.explain.png")).isRegularFile();
        assertThat(Files.readAllBytes(jpgPanel)).as("the JPEG's panel is untouched").isEqualTo(jpgPanelBytes);
    }

    @Test
    void resultsWritesTheTableCurvesConfusionAndTrainingHours() throws IOException {
        Path bundle = twoEpochBundle(0.25, 0.35);
        Path out = dir.resolve("results");

        Run r = run("results", "--model", bundle.toString(), "--data", tinyCsv().toString(), "--tta", "flip",
                "--out", out.toString(), "--train-cores", "2");

        assertThat(r.code()).as(r.err()).isZero();
        String md = Files.readString(out.resolve("results.md"));
        assertThat(md).isEqualTo(r.out()).contains("FER2013 PrivateTest, n = 1.");
        assertThat(md.lines().filter(l -> l.startsWith("| tiny | 1 |"))).hasSize(1);
        assertThat(md.lines().filter(l -> l.startsWith("| tiny + flip | 1 |"))).hasSize(1);
        assertThat(md).as("epoch 1 ran on its recorded 1 thread, epoch 2 recorded none and counts as --train-cores 2")
                .contains("| tiny | 2 | 2 | 2.00 | 3.50* | `tiny-curves.png` |", "| **total** | | | 2.00 | 3.50* | |",
                        "* 1 epoch(s) did not record their threads and count as 2.");
        assertThat(out.resolve("tiny-curves.png")).isNotEmptyFile();
        assertThat(out.resolve("confusion-privatetest.png")).isNotEmptyFile();
        assertThat(run("results", "--model", bundle.toString(), "--data", tinyCsv().toString(), "--tta", "none",
                "--out", out.toString()).code()).isEqualTo(2);
    }

    @Test
    void curvesComparesARunWithABundleInOnePngAndATable() throws IOException {
        Path bundle = twoEpochBundle(0.35, 0.30);
        Path longRun = Files.createDirectories(dir.resolve("long-run"));
        StringBuilder log = new StringBuilder("{\"type\": \"config\"}\n");
        for (int e = 1; e <= 4; e++) {
            log.append(String.format(java.util.Locale.ROOT, "{\"type\": \"epoch\", \"epoch\": %d, \"train_loss\": 1.0, "
                    + "\"train_accuracy\": %.2f, \"val_loss\": 1.0, \"val_accuracy\": %.2f, \"epoch_seconds\": 900, "
                    + "\"threads\": 2}%n", e, 0.2 * e, 0.1 * e));
        }
        Files.writeString(longRun.resolve("metrics.jsonl"), log);
        Path png = dir.resolve("curves/learning.png");

        Run r = run("curves", "short=" + bundle, longRun.toString(), "--out", png.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("| short | 2 | 35.00% (1) | 30.00% | 40.00% | 2.00 | 3.50* |",
                "| long-run | 4 | 40.00% (4) | 40.00% | 80.00% | 1.00 | 2.00 |",
                "* 1 epoch(s) did not record their threads and count as 2.");
        assertThat(png).isNotEmptyFile();

        Run file = run("curves", longRun.resolve("metrics.jsonl").toString(), "--out", png.toString());
        assertThat(file.code()).as(file.err()).isZero();
        assertThat(file.out()).as("a run's metrics.jsonl is named after its folder").contains("| long-run | 4 |");

        Run missing = run("curves", dir.resolve("nowhere").toString(), "--out", png.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nowhere is neither a training run");
    }

    /**
     * A tiny bundle whose manifest records two epochs with the given PublicTest accuracies: epoch 1
     * half an hour on its recorded 1 thread, epoch 2 an hour and a half with no thread count.
     */
    private Path twoEpochBundle(double valAccuracy1, double valAccuracy2) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        int best = valAccuracy2 > valAccuracy1 ? 2 : 1;
        return tinyBundle(dir.resolve("bundle"), json.readTree("{\"best_epoch\": " + best + "}"), json.readTree(String.format(
                java.util.Locale.ROOT, """
                {"epochs": 2, "history": [
                  {"epoch": 1, "train_loss": 1.9, "train_accuracy": 0.2, "val_loss": 1.8, "val_accuracy": %s, "epoch_seconds": 1800, "threads": 1},
                  {"epoch": 2, "train_loss": 1.5, "train_accuracy": 0.4, "val_loss": 1.6, "val_accuracy": %s, "epoch_seconds": 5400}]}
                """, valAccuracy1, valAccuracy2)));
    }

    /** A bundle named "tiny" of a seeded, untrained multi-scale CNN (44-pixel input), written to {@code bundle}. */
    static Path tinyBundle(Path bundle) throws IOException {
        return tinyBundle(bundle, null, null);
    }

    /** As {@link #tinyBundle(Path)}, with the given manifest metrics and training record. */
    static Path tinyBundle(Path bundle, com.fasterxml.jackson.databind.JsonNode metrics,
                           com.fasterxml.jackson.databind.JsonNode training) throws IOException {
        return tinyBundle(bundle, "tiny", 3, metrics, training);
    }

    /** A tiny untrained multi-scale bundle named {@code name}, its weights drawn with {@code seed}. */
    static Path tinyBundle(Path bundle, String name, int seed, com.fasterxml.jackson.databind.JsonNode metrics,
                           com.fasterxml.jackson.databind.JsonNode training) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(seed);
            FerNetwork net = Architecture.MULTISCALE_CNN.build(NetworkOptions.faces(CbamPlacement.NONE, Stem.IMAGENET));
            net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 44, 44));
            ModelBundle.write(bundle, net, new BundleManifest(BundleManifest.FORMAT, name,
                    Architecture.MULTISCALE_CNN, CbamPlacement.NONE, Stem.IMAGENET, 44, 1,
                    Arrays.stream(Emotion.values()).map(Emotion::label).toList(), Normalization.FER2013,
                    null, null, null, metrics, training, "test", "unknown", "2026-01-01T00:00:00Z", null),
                    dev.deepfer.infer.WeightPrecision.FLOAT32);
        }
        return bundle;
    }

    /** The bundle is checked before the (on real data, seconds-long) CSV parse. */
    @Test
    void evaluateChecksTheBundleBeforeReadingTheData() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path notFer = Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");
        Run r = run("evaluate", "--model", empty.toString(), "--data", notFer.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("no model bundle");
    }

    @Test
    void trainWithMissingDataNamesThePath() {
        Path out = dir.resolve("x");
        Run r = run("train", "--data", "/nonexistent.csv", "--arch", "multiscale-cnn", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("/nonexistent.csv");
        assertThat(out).doesNotExist();
    }

    @Test
    void invalidOverrideNamesTheField() throws IOException {
        Path out = dir.resolve("x");
        Run r = run("train", "--data", tinyCsv().toString(), "--arch", "multiscale-cnn", "--out", out.toString(),
                "--batch", "1");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("batch size");
        assertThat(out).doesNotExist();
    }

    @Test
    void trainDistilsFromATeacherBundleAndRefusesADirectoryThatIsNotOne() throws IOException {
        Path csv = sixteenFaceCsv(dir);
        Path notABundle = Files.createDirectories(dir.resolve("not-a-bundle"));
        Path refused = dir.resolve("refused");
        Run bad = run("train", "--data", csv.toString(), "--arch", "multiscale-cnn", "--out", refused.toString(),
                "--teacher", notABundle.toString());
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("not-a-bundle").contains("not a model bundle");
        assertThat(refused).doesNotExist();

        Path out = dir.resolve("student");
        Run r = run("train", "--data", csv.toString(), "--arch", "multiscale-cnn", "--out", out.toString(),
                "--epochs", "1", "--batch", "16", "--warmup", "0", "--augment", "none", "--input-size", "44",
                "--teacher", DEFAULT_BUNDLE.toString(), "--distill-weight", "0.8", "--distill-temperature", "3");
        assertThat(r.code()).as(r.err()).isZero();
        dev.deepfer.train.Distillation d = dev.deepfer.train.TrainConfig.read(out.resolve("config.json")).distillation();
        assertThat(d).isEqualTo(new dev.deepfer.train.Distillation(
                DEFAULT_BUNDLE.toAbsolutePath().normalize().toString(), 0.8f, 3f));
        assertThat(Files.size(out.resolve("teacher-probs.bin")))
                .as("16 faces x 7 probabilities after a header: magic, teacher, the faces' SHA-256 in hex, counts")
                .isEqualTo(4 + 2 + d.teacher().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 2 + 64 + 8
                        + 16 * 7 * 4);
    }

    @Test
    void predictReportsBadFilesInADirectoryAndExitsWithThree() throws IOException {
        Path bundle = DEFAULT_BUNDLE;
        Path samples = assumeDefaultBundleAndSamples();
        Path photos = Files.createDirectories(dir.resolve("photos"));
        byte[] jpeg = Files.readAllBytes(samples.resolve("angry_man.jpg"));
        Files.write(photos.resolve("a_good.jpg"), jpeg);
        Files.write(photos.resolve("b_truncated.jpg"), java.util.Arrays.copyOf(jpeg, jpeg.length / 2));
        Files.writeString(photos.resolve("c_text.png"), "not an image");
        Run r = run("predict", photos.toString(), "--model", bundle.toString(), "--json");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out().lines().count()).isEqualTo(1);
        assertThat(r.out()).contains("\"emotion\":\"angry\"");
        assertThat(r.err()).contains("b_truncated.jpg").contains("c_text.png").contains("1 image(s) read, 2 failed");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run none = run("predict", empty.toString(), "--model", bundle.toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no images");
    }
}
