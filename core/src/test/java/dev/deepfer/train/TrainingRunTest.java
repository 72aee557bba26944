package dev.deepfer.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deepfer.data.AugmentationConfig;
import dev.deepfer.data.Emotion;
import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.Normalization;
import dev.deepfer.eval.corrupt.Corruption;
import dev.deepfer.eval.corrupt.CorruptionAugmentation;
import dev.deepfer.model.Architecture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TrainingRunTest {
    private static final int SIZE = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Faces whose class is where a bright 6x6 patch sits: learnable in a few epochs. */
    static FaceDataset synthetic(int n, long seed) {
        Random rng = new Random(seed);
        byte[] pixels = new byte[n * SIZE * SIZE];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = i % Emotion.COUNT;
            labels[i] = (byte) c;
            int r0 = (c / 3) * 6 + 1;
            int c0 = (c % 3) * 6 + 1;
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    boolean patch = y >= r0 && y < r0 + 6 && x >= c0 && x < c0 + 6;
                    int v = (patch ? 200 : 40) + rng.nextInt(30);
                    pixels[(i * SIZE + y) * SIZE + x] = (byte) v;
                }
            }
        }
        return new FaceDataset("synthetic", SIZE, pixels, labels);
    }

    static TrainConfig config(int epochs) {
        TrainConfig.Builder b = TrainConfig.defaults(Architecture.MULTISCALE_CNN, "synthetic").toBuilder();
        b.inputSize = 16;
        b.augmentation = AugmentationConfig.none();
        b.batchSize = 16;
        b.epochs = epochs;
        b.warmupEpochs = epochs > 1 ? 1 : 0;
        b.learningRate = 3e-3f;
        return b.build();
    }

    private static TrainingRun run(TrainConfig c, Path dir) {
        return new TrainingRun(c, dir, synthetic(96, 1), synthetic(42, 2), Normalization.FER2013,
                new PrintStream(new ByteArrayOutputStream()));
    }

    private static List<JsonNode> metrics(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve("metrics.jsonl")).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void killedRunResumesFromItsLastCheckpointAndEndsWhereAnUninterruptedRunEnds(@TempDir Path tmp) throws IOException {
        TrainConfig c = config(3);
        TrainingResult straight = run(c, tmp.resolve("a")).run(false);
        assertThat(straight.steps()).isEqualTo(3 * (96 / 16));

        Path b = tmp.resolve("b");
        TrainingRun killed = run(c, b).withListener((epoch, batch, step, loss) -> {
            if (epoch == 1 && batch == 2) {
                throw new IllegalStateException("simulated kill");
            }
        });
        assertThatThrownBy(() -> killed.run(false)).hasMessage("simulated kill");
        assertThat(metrics(b)).hasSize(1);

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainingResult resumed = new TrainingRun(c, b, synthetic(96, 1), synthetic(42, 2), Normalization.FER2013,
                new PrintStream(log)).run(true);
        assertThat(log.toString()).contains("resuming " + b + " at epoch 2, step 6");
        assertThat(resumed.steps()).isEqualTo(straight.steps());
        List<JsonNode> a = metrics(tmp.resolve("a"));
        List<JsonNode> r = metrics(b);
        assertThat(r).hasSize(3);
        for (int e = 0; e < 3; e++) {
            assertThat(r.get(e).get("epoch").asInt()).isEqualTo(e + 1);
            assertThat(r.get(e).get("train_loss").asDouble())
                    .isCloseTo(a.get(e).get("train_loss").asDouble(), within(1e-5));
            assertThat(r.get(e).get("val_loss").asDouble())
                    .isCloseTo(a.get(e).get("val_loss").asDouble(), within(1e-5));
        }
    }

    @Test
    void aRunKilledBeforeItsFirstCheckpointStartsAgainWithoutARepeatedEpochLine(@TempDir Path tmp)
            throws IOException {
        run(config(1), tmp).run(false);
        // a kill between logging epoch 1 and writing its checkpoint leaves the line without the checkpoint
        Files.delete(tmp.resolve("last.ckpt"));

        run(config(1), tmp).run(true);
        assertThat(metrics(tmp)).hasSize(1);
        assertThat(metrics(tmp).get(0).get("epoch").asInt()).isEqualTo(1);

        Files.delete(tmp.resolve("last.ckpt"));
        run(config(1), tmp).run(false);
        assertThat(metrics(tmp)).as("started afresh without --resume, too").hasSize(1);
    }

    @Test
    void aMetricsLineCutShortByACrashDoesNotStopTheResume(@TempDir Path tmp) throws IOException {
        TrainConfig c = config(2);
        TrainingRun killed = run(c, tmp).withListener((epoch, batch, step, loss) -> {
            if (epoch == 1 && batch == 0) {
                throw new IllegalStateException("simulated kill");
            }
        });
        assertThatThrownBy(() -> killed.run(false)).hasMessage("simulated kill");
        Files.writeString(tmp.resolve("metrics.jsonl"), "{\"type\":\"epoch\",\"epo",
                java.nio.file.StandardOpenOption.APPEND);

        run(c, tmp).run(true);
        assertThat(metrics(tmp)).extracting(m -> m.get("epoch").asInt()).containsExactly(1, 2);
    }

    @Test
    void theCheckpointsBestEpochGetsItsPendingWeightsAndOtherPendingWeightsGo(@TempDir Path tmp) throws IOException {
        // killed after the checkpoint naming epoch 3 the best, before its weights replaced best.params
        Files.write(tmp.resolve("best.params"), new byte[] {2});
        Files.write(tmp.resolve("best.params.epoch3.pending"), new byte[] {3});
        // and an epoch 4 killed before its checkpoint (the resume repeats it)
        Files.write(tmp.resolve("best.params.epoch4.pending"), new byte[] {4});

        TrainingRun.settleBestWeights(tmp, 3);

        assertThat(Files.readAllBytes(tmp.resolve("best.params"))).containsExactly(3);
        try (var files = Files.list(tmp)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly("best.params");
        }

        Files.write(tmp.resolve("best.params.epoch5.pending"), new byte[] {5});
        TrainingRun.settleBestWeights(tmp, 3);
        assertThat(Files.readAllBytes(tmp.resolve("best.params"))).as("an unchecked epoch's weights never replace it")
                .containsExactly(3);
        assertThat(tmp.resolve("best.params.epoch5.pending")).doesNotExist();
    }

    @Test
    void aShortRunLearnsTheSyntheticTask(@TempDir Path tmp) throws IOException {
        TrainingResult result = run(config(6), tmp).run(false);
        assertThat(result.bestMetric()).as("validation accuracy").isGreaterThan(0.6);
        assertThat(Files.exists(result.bestParams())).isTrue();
        assertThat(TrainConfig.read(tmp.resolve("config.json"))).isEqualTo(config(6));

        dev.deepfer.infer.BundleManifest m = dev.deepfer.infer.ModelBundle.fromTraining(tmp.resolve("bundle"), config(6),
                result, Normalization.FER2013, "test");
        assertThat(m.training().path("history")).as("the bundle keeps the run's curves").hasSize(6);
        assertThat(m.training().path("history").get(5).path("epoch").asInt()).isEqualTo(6);
        assertThat(TrainingHistory.wallSeconds(m.training().path("history"))).isPositive();
        assertThat(m.training().path("history").get(0).path("threads").asInt())
                .as("the threads the epoch ran with").isEqualTo(ai.djl.pytorch.jni.JniUtils.getNumThreads())
                .isPositive();
        JsonNode first = m.training().path("history").get(0);
        assertThat(first.path("cpu_seconds").asDouble()).as("the process CPU time the epoch used").isPositive()
                .isLessThanOrEqualTo(first.path("epoch_seconds").asDouble() * (Runtime.getRuntime().availableProcessors() + 1));
        assertThat(m.metrics().path("best_epoch").asInt()).isEqualTo(result.bestEpoch());
    }

    /**
     * With a teacher, the run computes its targets once, keeps them for a resume, and learns from
     * the soft term alone (weight 1) when the teacher knows the task.
     */
    @Test
    void aDistilledRunLearnsFromItsTeacherAndReusesItsTargetsOnResume(@TempDir Path tmp) throws IOException {
        TrainConfig.Builder b = config(6).toBuilder();
        b.distillation = new Distillation("synthetic teacher", 1f, 2f);
        TrainConfig c = b.build();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        TeacherTargets.Teacher teacher = faces -> {
            calls.incrementAndGet();
            float[][] rows = new float[faces.count()][Emotion.COUNT];
            for (int i = 0; i < rows.length; i++) {
                java.util.Arrays.fill(rows[i], 0.05f);
                rows[i][faces.label(i)] = 0.7f;
            }
            return rows;
        };
        assertThatThrownBy(() -> run(c, tmp.resolve("no-teacher")).run(false))
                .hasMessageContaining("none was given");

        TrainingRun killed = run(c, tmp).withTeacher(teacher).withListener((epoch, batch, step, loss) -> {
            if (epoch == 1 && batch == 0) {
                throw new IllegalStateException("simulated kill");
            }
        });
        assertThatThrownBy(() -> killed.run(false)).hasMessage("simulated kill");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainingResult result = new TrainingRun(c, tmp, synthetic(96, 1), synthetic(42, 2), Normalization.FER2013,
                new PrintStream(log)).withTeacher(teacher).run(true);
        assertThat(log.toString()).contains("distilling from synthetic teacher (weight 1.00, temperature 2.00): "
                + "the teacher's targets for 96 faces").contains("teacher targets ready in");

        assertThat(calls).as("the teacher ran once; the resume read its targets").hasValue(1);

        // the teacher re-trained at the same path, and a new run started in this folder: its own targets
        Files.delete(tmp.resolve("last.ckpt"));
        java.util.concurrent.atomic.AtomicInteger retrained = new java.util.concurrent.atomic.AtomicInteger();
        TrainingRun fresh = new TrainingRun(c, tmp, synthetic(96, 1), synthetic(42, 2), Normalization.FER2013,
                new PrintStream(new ByteArrayOutputStream())).withTeacher(faces -> {
                    retrained.incrementAndGet();
                    return teacher.probabilities(faces);
                }).withListener((epoch, batch, step, loss) -> {
                    throw new IllegalStateException("stop after the targets");
                });
        assertThatThrownBy(() -> fresh.run(false)).hasMessage("stop after the targets");
        assertThat(retrained).as("not the cached targets of the earlier teacher").hasValue(1);
        assertThat(result.bestMetric()).as("validation accuracy from soft targets alone").isGreaterThan(0.6);
        assertThat(TrainConfig.read(tmp.resolve("config.json")).distillation()).isEqualTo(c.distillation());
    }

    /** The corruption lever changes what is trained on, and a run with it is still repeatable. */
    @Test
    void corruptionAugmentationIsAppliedAndDeterministic(@TempDir Path tmp) throws IOException {
        TrainConfig.Builder b = config(1).toBuilder();
        b.corruptionAugmentation = new CorruptionAugmentation(1, 5, List.of(Corruption.GAUSSIAN_NOISE, Corruption.JPEG));
        TrainConfig corrupted = b.build();
        run(config(1), tmp.resolve("clean")).run(false);
        run(corrupted, tmp.resolve("a")).run(false);
        run(corrupted, tmp.resolve("b")).run(false);
        double clean = metrics(tmp.resolve("clean")).get(0).get("train_loss").asDouble();
        double a = metrics(tmp.resolve("a")).get(0).get("train_loss").asDouble();
        assertThat(metrics(tmp.resolve("b")).get(0).get("train_loss").asDouble()).isCloseTo(a, within(1e-6));
        assertThat(a).isNotCloseTo(clean, within(1e-4));
        assertThat(TrainConfig.read(tmp.resolve("a").resolve("config.json"))).isEqualTo(corrupted);
    }

    @Test
    void divergingLossStopsWithAMessageSayingWhere(@TempDir Path tmp) {
        TrainConfig.Builder b = config(2).toBuilder();
        b.learningRate = 1e12f;
        b.optimizer = OptimizerKind.SGD_NESTEROV;
        b.schedule = ScheduleKind.CONSTANT;
        assertThatThrownBy(() -> run(b.build(), tmp).run(false))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("epoch 1, batch")
                .hasMessageMatching("(?s).*(gradients|values) of \\S+.*");
    }

    /** With clipping the same diverging settings stay finite for a whole epoch (SGD is not scale-invariant). */
    @Test
    void gradientClippingKeepsALargeStepFinite(@TempDir Path tmp) throws IOException {
        TrainConfig.Builder b = config(1).toBuilder();
        b.learningRate = 10f;
        b.optimizer = OptimizerKind.SGD_NESTEROV;
        b.schedule = ScheduleKind.CONSTANT;
        b.gradClipNorm = 1e-3f;
        TrainingResult result = run(b.build(), tmp).run(false);
        assertThat(result.epochsRun()).isEqualTo(1);
        JsonNode epoch = metrics(tmp).get(0);
        assertThat(epoch.get("train_loss").asDouble()).isFinite();
        assertThat(epoch.get("skipped_steps").asInt()).isZero();
        // the recorded norm is the one before clipping
        assertThat(epoch.get("grad_norm_max").asDouble()).isGreaterThan(1e-3).isFinite();
    }

    @Test
    void refusesToOverwriteAnExistingRunWithoutResume(@TempDir Path tmp) throws IOException {
        run(config(1), tmp).run(false);
        assertThatThrownBy(() -> run(config(1), tmp).run(false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--resume");
    }
}
