package dev.deepfer.spark;

import dev.deepfer.data.Emotion;
import dev.deepfer.data.SharedData;
import dev.deepfer.infer.EmotionRecognizer;
import dev.deepfer.infer.FaceEmotion;
import dev.deepfer.infer.ModelBundle;
import dev.deepfer.infer.RecognitionResult;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The job in local mode ({@code local[2]}) on a temporary copy of the shared sample photos plus a
 * truncated JPEG, a text file named like an image and a text file the name filter skips: every row
 * must match what the core {@link EmotionRecognizer} ({@code deepfer predict --json}) says of the
 * same file, and the bad files must be error rows.
 */
class RecognitionJobTest {
    private static final Path DEFAULT_BUNDLE = Path.of("..", "models", "default");
    private static SparkSession spark;
    private static Path work;
    private static Path photos;

    @BeforeAll
    static void setUp() throws IOException {
        Path samples = SharedData.samples().orElse(null);
        Assumptions.assumeTrue(samples != null, "shared samples not found (" + SharedData.describe() + "): skipping");
        Assumptions.assumeTrue(Files.isDirectory(DEFAULT_BUNDLE), "no default bundle in ../models/default: skipping");
        work = Files.createTempDirectory("deepfer-spark-test");
        photos = work.resolve("photos");
        try (Stream<Path> s = Files.walk(samples)) {
            for (Path p : s.toList()) {
                Path target = photos.resolve(samples.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        byte[] jpeg = Files.readAllBytes(samples.resolve("angry_man.jpg"));
        Files.write(photos.resolve("b_truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        Files.writeString(photos.resolve("c_text.png"), "not an image");
        Files.writeString(photos.resolve("notes.txt"), "not an image name: the default name filter skips it");
        try (java.io.RandomAccessFile huge = new java.io.RandomAccessFile(photos.resolve("d_huge.jpg").toFile(), "rw")) {
            huge.setLength(3L << 30); // sparse: 3 GiB on paper, over Spark's 2 GiB binaryFile limit
        }
        spark = SparkMain.session("local[2]");
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (spark != null) {
            spark.close();
        }
        if (work != null) {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void everyFaceMatchesTheCoreRecognizerAndBadFilesAreErrorRows() throws Exception {
        String out = work.resolve("faces.parquet").toString();
        JobSummary summary = RecognitionJob.run(spark, JobOptions.of(List.of(photos.toString()), out));

        Map<String, List<Row>> byFile = new HashMap<>();
        for (Row r : spark.read().parquet(out).collectAsList()) {
            String rel = photos.relativize(Path.of(URI.create(r.getAs("path")))).toString();
            byFile.computeIfAbsent(rel, k -> new ArrayList<>()).add(r);
        }
        assertThat(byFile).containsKeys("b_truncated.jpg", "c_text.png", "d_huge.jpg").doesNotContainKey("notes.txt")
                .doesNotContainKey("faces-in-the-wild/testing.xml");
        assertThat(summary.images()).isEqualTo(byFile.size());
        assertThat(summary.failed()).isEqualTo(3);
        assertThat(summary.failures()).hasSize(3);
        assertError(byFile.get("b_truncated.jpg"), "TRUNCATED_OR_CORRUPT");
        assertError(byFile.get("c_text.png"), "UNSUPPORTED_FORMAT");
        assertError(byFile.get("d_huge.jpg"), "TOO_LARGE"); // refused from its size: Spark did not read it

        String sha = ModelSource.fingerprint(DEFAULT_BUNDLE);
        assertThat(sha).matches("[0-9a-f]{64}");
        int faces = 0;
        try (EmotionRecognizer core = EmotionRecognizer.load(DEFAULT_BUNDLE)) {
            List<String> good = byFile.keySet().stream().filter(f -> !f.startsWith("b_") && !f.startsWith("c_") && !f.startsWith("d_"))
                    .sorted().toList();
            // the reference, as deepfer predict --json computes it: one file at a time (two threads to save time)
            Map<String, RecognitionResult> expected = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (Future<?> f : pool.invokeAll(good.stream().<Callable<Object>>map(f -> () -> expected.put(f,
                        core.recognize(photos.resolve(f)))).toList())) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            for (String f : good) {
                faces += expected.get(f).faces().size();
                assertMatches(f, byFile.get(f), expected.get(f), sha);
            }
        }
        assertThat(faces).isGreaterThan(20);
        assertThat(summary.faces()).isEqualTo(faces);
        assertThat(summary.fingerprint()).isEqualTo(sha);
        assertThat(ModelHolder.loads()).as("one model per JVM, shared by both tasks").isEqualTo(1);
    }

    private static void assertError(List<Row> rows, String reason) {
        assertThat(rows).hasSize(1);
        Row r = rows.get(0);
        assertThat((String) r.getAs("error_reason")).isEqualTo(reason);
        assertThat((String) r.getAs("error")).isNotBlank();
        assertThat((Object) r.getAs("width")).isNull();
        assertThat((Object) r.getAs("emotion")).isNull();
    }

    /** Same face count, boxes within 1 pixel, same top emotion, probabilities within 1e-4. */
    private static void assertMatches(String file, List<Row> rows, RecognitionResult expected, String sha) {
        Row first = rows.get(0);
        assertThat((Object) first.getAs("error")).as(file).isNull();
        assertThat((int) first.getAs("width")).as(file).isEqualTo(expected.width());
        assertThat((int) first.getAs("height")).as(file).isEqualTo(expected.height());
        assertThat((String) first.getAs("model_sha256")).isEqualTo(sha);
        if (expected.faces().isEmpty()) {
            assertThat(rows).as(file).hasSize(1);
            assertThat((int) first.getAs("face_count")).isZero();
            assertThat((Object) first.getAs("face_index")).isNull();
            return;
        }
        assertThat(rows).as(file).hasSize(expected.faces().size());
        rows.sort(Comparator.comparingInt(r -> r.<Integer>getAs("face_index")));
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            FaceEmotion f = expected.faces().get(i);
            String what = file + " face " + i;
            assertThat((int) r.getAs("face_count")).isEqualTo(expected.faces().size());
            assertThat((int) r.getAs("box_x")).as(what).isCloseTo(f.box().x(), within(1));
            assertThat((int) r.getAs("box_y")).as(what).isCloseTo(f.box().y(), within(1));
            assertThat((int) r.getAs("box_width")).as(what).isCloseTo(f.box().width(), within(1));
            assertThat((int) r.getAs("box_height")).as(what).isCloseTo(f.box().height(), within(1));
            assertThat((String) r.getAs("emotion")).as(what).isEqualTo(f.emotion().label());
            assertThat((double) r.getAs("confidence")).as(what).isCloseTo(f.confidence(), within(1e-4));
            for (Emotion e : Emotion.values()) {
                assertThat((double) r.getAs(FaceRows.PROBABILITY_PREFIX + e.label())).as(what + " " + e)
                        .isCloseTo(f.probabilities().get(e), within(1e-4));
            }
        }
    }

    @Test
    void aTableOfPathsKeepsItsColumnsPartitionsJsonAndAppends() throws Exception {
        Path blank = work.resolve("blank.png");
        ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY), "png", blank.toFile());
        Path table = work.resolve("table.csv");
        Files.writeString(table, "video,file\n"
                + "a," + photos.resolve("angry_man.jpg") + "\n"
                + "b," + work.resolve("missing.jpg") + "\n"
                + "b," + blank + "\n");
        String out = work.resolve("faces.json").toString();
        JobOptions options = JobOptions.of(List.of(table.toString()), out)
                .withTable(JobOptions.InputFormat.CSV, "file").withKeptColumns(List.of("video"))
                .withOutput(JobOptions.OutputFormat.JSON, List.of("video"), JobOptions.WriteMode.OVERWRITE);
        JobSummary first = RecognitionJob.run(spark, options);
        assertThat(first.images()).isEqualTo(3);
        assertThat(first.failed()).isEqualTo(1);
        assertThat(Files.isDirectory(Path.of(out, "video=a"))).isTrue();
        try (Stream<Path> s = Files.walk(Path.of(out))) {
            assertThat(s.filter(p -> p.getFileName().toString().endsWith(".json"))).isNotEmpty();
        }
        Map<String, Row> byName = spark.read().json(out).collectAsList().stream().collect(Collectors.toMap(
                r -> Path.of(r.<String>getAs("path")).getFileName().toString(), r -> r));
        assertThat(byName.get("angry_man.jpg").<String>getAs("emotion")).isEqualTo("angry");
        assertThat(byName.get("angry_man.jpg").<Object>getAs("video").toString()).isEqualTo("a");
        assertThat(byName.get("missing.jpg").<String>getAs("error_reason")).isEqualTo("UNREADABLE");
        assertThat(byName.get("blank.png").<Long>getAs("face_count")).isZero();
        assertThat(byName.get("blank.png").<Long>getAs("width")).isEqualTo(64);

        RecognitionJob.run(spark, options.withOutput(JobOptions.OutputFormat.JSON, List.of("video"),
                JobOptions.WriteMode.APPEND));
        assertThat(spark.read().json(out).count()).isEqualTo(6);
        RecognitionJob.run(spark, options);
        assertThat(spark.read().json(out).count()).as("overwrite makes re-runs idempotent").isEqualTo(3);
        assertThat(ModelHolder.loads()).isEqualTo(1);
    }

    @Test
    void badColumnsAreRefusedWithTheValidNames() {
        JobOptions options = JobOptions.of(List.of(photos.toString()), work.resolve("never").toString());
        assertThatThrownBy(() -> RecognitionJob.run(spark, options.withOutput(JobOptions.OutputFormat.PARQUET,
                List.of("mood"), JobOptions.WriteMode.OVERWRITE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mood")
                .hasMessageContaining("emotion, confidence");
        assertThatThrownBy(() -> RecognitionJob.run(spark, options.withKeptColumns(List.of("camera"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("camera")
                .hasMessageContaining("modificationTime");
        assertThat(SparkMain.execute(photos.toString(), "--out", "x", "--format", "xml")).isEqualTo(2);
    }

    /**
     * A model that an executor cannot use (not there, or not the bundle the driver checked) fails
     * the job with exit code 2, as the driver's own check does; any other task failure is 1. Runs
     * real tasks, so the failure reaches the driver the way Spark sends it (serialised, wrapped).
     */
    @Test
    void aModelAnExecutorCannotUseIsExitCode2AndOtherTaskFailuresAre1() {
        String bundle = DEFAULT_BUNDLE.toAbsolutePath().normalize().toString();
        Map<String, ModelHolder.Key> unusable = Map.of(
                "not the driver's", new ModelHolder.Key(bundle, "0".repeat(64), null),
                "cannot load the model bundle", new ModelHolder.Key(work.resolve("gone").toString(), null, null));
        for (Map.Entry<String, ModelHolder.Key> e : unusable.entrySet()) {
            ModelHolder.Key key = e.getValue();
            Throwable failure = catchTaskFailure(p -> {
                ModelHolder.get(key, 1, new org.apache.hadoop.conf.Configuration());
                return p;
            });
            assertThat(failure).as(e.getKey()).isInstanceOf(org.apache.spark.SparkException.class)
                    .hasMessageContaining(e.getKey());
            assertThat(SparkMain.exitCode(failure)).as(e.getKey()).isEqualTo(2);
        }
        Throwable other = catchTaskFailure(p -> {
            throw new IllegalStateException("a bug in a task");
        });
        assertThat(other).hasMessageContaining("a bug in a task");
        assertThat(SparkMain.exitCode(other)).isEqualTo(1);
        // a task exception that did not serialise reaches the driver only as the stack trace in the message
        assertThat(SparkMain.exitCode(new org.apache.spark.SparkException("Job aborted due to stage failure: "
                + "dev.deepfer.spark.ModelUnavailableException: cannot load the model bundle x"))).isEqualTo(2);
    }

    /** Runs {@code task} on every partition of a two-row dataset and returns the job's failure. */
    private static Throwable catchTaskFailure(org.apache.spark.api.java.function.Function<Long, Long> task) {
        try {
            spark.range(2).repartition(2).map((org.apache.spark.api.java.function.MapFunction<Long, Long>) task::call,
                    org.apache.spark.sql.Encoders.LONG()).collectAsList();
        } catch (Exception e) { // SparkException is checked, but Scala throws it undeclared
            return e;
        }
        throw new AssertionError("the job did not fail");
    }

    /**
     * Refused before the output is touched: an output folder at or above the photos (the overwrite
     * would delete them), and a run whose name filter matches nothing (it would replace the last
     * output with an empty one and report success).
     */
    @Test
    void anOutputOverTheInputAndAnEmptyInputAreRefusedLeavingEverythingInPlace() throws Exception {
        long photosBefore;
        try (Stream<Path> s = Files.list(photos)) {
            photosBefore = s.count();
        }
        for (String out : List.of(photos.toString(), work.toString())) {
            assertThatThrownBy(() -> RecognitionJob.run(spark, JobOptions.of(List.of(photos.toString()), out)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("choose another folder");
        }
        try (Stream<Path> s = Files.list(photos)) {
            assertThat(s.count()).as("every photo still there").isEqualTo(photosBefore);
        }

        Path previous = Files.createDirectories(work.resolve("previous-output"));
        Files.writeString(previous.resolve("part-0.json"), "{}");
        JobOptions o = JobOptions.of(List.of(photos.toString()), previous.toString());
        JobOptions nothing = new JobOptions(o.inputs(), o.inputFormat(), o.pathColumn(), o.recursive(), "*.nomatch",
                o.keepColumns(), o.output(), o.outputFormat(), o.partitionBy(), o.mode(), o.model(), o.batchSize(),
                o.partitions(), o.threads());
        assertThatThrownBy(() -> RecognitionJob.run(spark, nothing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no input in " + photos).hasMessageContaining("*.nomatch");
        assertThat(previous.resolve("part-0.json")).as("the last output stays").hasContent("{}");
    }
}
