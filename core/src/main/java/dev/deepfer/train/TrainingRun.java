package dev.deepfer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import dev.deepfer.data.Augmentation;
import dev.deepfer.data.BatchAssembler;
import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.Normalization;
import dev.deepfer.data.TtaMode;
import dev.deepfer.eval.DatasetScorer;
import dev.deepfer.eval.EvaluationReport;
import dev.deepfer.model.FerNetwork;
import dev.deepfer.model.NetworkClassifier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One member's training: epochs of shuffled, augmented mini-batches (assembled on a background
 * thread while the network computes), the combined loss, the optimiser and schedule, validation on
 * a held-out split after every epoch, the best parameters kept by the selection metric, early
 * stopping, a JSONL metrics log and an atomic checkpoint per epoch. Shuffling, augmentation and
 * dropout are seeded per epoch, so a run resumed from a checkpoint continues exactly as an
 * uninterrupted one would.
 *
 * <p>Files in the run directory: {@code config.json}, {@code metrics.jsonl}, {@code last.ckpt}
 * (resume point), {@code best.params} (best network parameters), and when asked,
 * {@code epoch-NN.params} (each epoch's parameters).
 */
public final class TrainingRun {
    /**
     * Updates with a non-finite gradient are skipped (the run goes on with the next batch); this
     * many in a row mean the run has diverged.
     */
    static final int MAX_CONSECUTIVE_SKIPS = 20;

    /** Receives step events, e.g. to stop a run in tests. */
    public interface Listener {
        void onStep(int epoch, int batch, long globalStep, float loss);
    }

    private final TrainConfig config;
    private final Path dir;
    private final FaceDataset train;
    private final FaceDataset validation;
    private final Normalization norm;
    private final PrintStream log;
    private Listener listener = (e, b, s, l) -> { };
    private TeacherTargets.Teacher teacher;
    private boolean keepEpochWeights;

    public TrainingRun(TrainConfig config, Path dir, FaceDataset train, FaceDataset validation,
                       Normalization norm, PrintStream log) {
        this.config = config;
        this.dir = dir;
        this.train = config.maxTrainImages() > 0 && config.maxTrainImages() < train.count()
                ? train.sample(config.maxTrainImages(), config.seed()) : train;
        this.validation = validation;
        this.norm = norm;
        this.log = log;
    }

    public TrainingRun withListener(Listener l) {
        this.listener = l;
        return this;
    }

    /**
     * The teacher of a run whose config asks for {@link Distillation}; it is called once, before
     * the first epoch, unless the run directory already holds its targets.
     */
    public TrainingRun withTeacher(TeacherTargets.Teacher t) {
        this.teacher = t;
        return this;
    }

    /**
     * Also keeps every epoch's parameters, as {@code epoch-NN.params} next to the checkpoint (for
     * {@link WeightAveraging}); not part of the config, so a resumed run may start or stop keeping them.
     */
    public TrainingRun keepingEpochWeights(boolean keep) {
        this.keepEpochWeights = keep;
        return this;
    }

    /** Where {@link #keepingEpochWeights} keeps the parameters after 1-based {@code epoch}. */
    public static Path epochWeightsFile(Path dir, int epoch) {
        return dir.resolve(String.format(Locale.ROOT, "epoch-%02d.params", epoch));
    }

    public Path checkpointFile() {
        return dir.resolve("last.ckpt");
    }

    public Path bestParamsFile() {
        return dir.resolve("best.params");
    }

    /**
     * The weights of a new best epoch until its checkpoint is written: {@code best.params} is
     * replaced only after the checkpoint that names the epoch, so a kill in between cannot leave the
     * checkpoint's best epoch with another epoch's weights (or the reverse).
     */
    private static Path pendingBestFile(Path dir, int epoch) {
        return dir.resolve("best.params.epoch" + epoch + ".pending");
    }

    /**
     * Finishes what a killed run left between its checkpoint and {@code best.params}: the pending
     * weights of the checkpoint's best epoch become {@code best.params}; those of any other epoch
     * (one killed before its checkpoint, which the resume repeats) are deleted.
     */
    static void settleBestWeights(Path dir, int bestEpoch) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith("best.params.epoch") && name.endsWith(".pending")) {
                    if (f.equals(pendingBestFile(dir, bestEpoch))) {
                        Files.move(f, dir.resolve("best.params"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    } else {
                        Files.delete(f);
                    }
                }
            }
        }
    }

    public Path metricsFile() {
        return dir.resolve("metrics.jsonl");
    }

    /**
     * Trains to the end (or early stop) and returns the summary. With {@code resume}, continues
     * from {@code last.ckpt} when it exists; without, refuses to overwrite an existing run.
     */
    public TrainingResult run(boolean resume) throws IOException {
        Files.createDirectories(dir);
        Path configFile = dir.resolve("config.json");
        if (Files.exists(checkpointFile()) && !resume) {
            throw new IllegalArgumentException(dir + " already holds a run; pass --resume to continue it "
                    + "or choose another directory");
        }
        if (resume && Files.exists(configFile) && !TrainConfig.read(configFile).equals(config)) {
            throw new IllegalArgumentException("config of " + dir + " differs from this run's; resume with the same "
                    + "config (it is in " + configFile + ")");
        }
        AtomicFiles.write(configFile, config.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        int size = config.inputSize();
        int batch = config.batchSize();
        int stepsPerEpoch = train.count() / batch;
        if (stepsPerEpoch == 0) {
            throw new IllegalArgumentException("training set of " + train.count() + " images is smaller than one batch of "
                    + batch);
        }
        long totalSteps = (long) stepsPerEpoch * config.epochs();
        LearningRateSchedule schedule = new LearningRateSchedule(config.schedule(), config.learningRate(), totalSteps,
                Math.round(config.warmupEpochs() * stepsPerEpoch));
        Loss loss = config.distillation() == null ? Losses.create(config.loss())
                : new DistillationLoss(Losses.create(config.loss()), config.distillation());
        if (config.distillation() != null && !Files.exists(checkpointFile())) {
            // cached targets are this run's state once it has a checkpoint; before, they may be another
            // teacher's that had the same path (re-trained in place), so a start computes its own
            Files.deleteIfExists(dir.resolve(TeacherTargets.FILE_NAME));
        }
        float[][] teacherProbs = config.distillation() == null ? null : teacherTargets();
        Augmentation augmentation = new Augmentation(config.augmentation());
        BatchAssembler assembler = new BatchAssembler(norm, size);
        ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "deepfer-batches");
            t.setDaemon(true);
            return t;
        });
        try (NDManager root = NDManager.newBaseManager();
             MetricsLog metrics = new MetricsLog(metricsFile())) {
            Engine.getInstance().setRandomSeed((int) config.seed());
            FerNetwork net = config.architecture().build(config.networkOptions());
            net.initialize(root, DataType.FLOAT32, new Shape(batch, 1, size, size));
            Gradients gradients = new Gradients(net.getParameters());
            ParameterOptimizer optimizer = new ParameterOptimizer(net.getParameters(), config.optimizer(),
                    config.weightDecay(), config.momentum(), root);
            Checkpoint.Progress progress = new Checkpoint.Progress(0, 0, Double.NEGATIVE_INFINITY, -1, 0,
                    schedule.plateauState());
            if (resume && Files.exists(checkpointFile())) {
                progress = Checkpoint.read(checkpointFile(), net, optimizer, root);
                schedule.restorePlateauState(progress.plateauState());
                log.printf(Locale.ROOT, "resuming %s at epoch %d, step %d%n", dir, progress.nextEpoch() + 1,
                        progress.step());
                metrics.truncateAfterEpoch(progress.nextEpoch());
            } else {
                // no checkpoint: lines of a run killed before its first one (after logging epoch 1) go
                metrics.truncateAfterEpoch(0);
            }
            settleBestWeights(dir, progress.bestEpoch());
            NetworkClassifier classifier = new NetworkClassifier(net, root, size);
            long step = progress.step();
            int epoch = progress.nextEpoch();
            double best = progress.bestMetric();
            int bestEpoch = progress.bestEpoch();
            int waiting = progress.epochsWithoutImprovement();
            long started = System.nanoTime();
            int consecutiveSkips = 0;
            for (; epoch < config.epochs(); epoch++) {
                if (config.patience() > 0 && waiting >= config.patience()) {
                    break;
                }
                long epochStart = System.nanoTime();
                double epochCpuStart = ProcessCpu.seconds();
                Engine.getInstance().setRandomSeed((int) (config.seed() * 1000 + epoch));
                int[] order = FaceDataset.shuffledIndices(train.count(), new Random(config.seed() * 7919 + epoch));
                ProgressBar bar = new ProgressBar(log, String.format(Locale.ROOT, "epoch %d/%d", epoch + 1,
                        config.epochs()), stepsPerEpoch);
                double lossSum = 0;
                long correct = 0;
                float maxGradNorm = 0;
                int skipped = 0;
                final int e = epoch;
                CompletableFuture<BatchAssembler.Batch> next = CompletableFuture.supplyAsync(
                        () -> assemble(assembler, augmentation, order, e, 0, batch), prefetch);
                for (int b = 0; b < stepsPerEpoch; b++) {
                    BatchAssembler.Batch current = next.join();
                    if (b + 1 < stepsPerEpoch) {
                        final int nb = b + 1;
                        next = CompletableFuture.supplyAsync(() -> assemble(assembler, augmentation, order, e, nb, batch),
                                prefetch);
                    }
                    float lr = schedule.at(step);
                    float stepLoss;
                    float gradNorm;
                    try (NDManager scope = root.newSubManager()) {
                        NDArray x = scope.create(current.images(), new Shape(current.shape()));
                        NDArray y = scope.create(current.labels());
                        NDList labels = teacherProbs == null ? new NDList(y)
                                : new NDList(y, scope.create(rows(teacherProbs, order, b * batch, batch)));
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray logits = net.forward(new ParameterStore(scope, false), new NDList(x), true).head();
                            NDArray l = loss.evaluate(labels, new NDList(logits));
                            stepLoss = l.getFloat();
                            if (!Float.isFinite(stepLoss)) {
                                List<String> bad = gradients.nonFiniteValues();
                                throw diverged("loss became " + stepLoss, epoch, b, step, lr, bad.isEmpty()
                                        ? "with every parameter finite (the forward pass overflowed)"
                                        : "in the values of " + describe(bad));
                            }
                            gc.backward(l);
                            correct += countCorrect(logits, current.labels());
                        }
                        gradNorm = config.gradClipNorm() > 0 ? gradients.clip(scope, config.gradClipNorm())
                                : gradients.globalNorm(scope);
                        if (Float.isFinite(gradNorm)) {
                            optimizer.step(lr);
                            consecutiveSkips = 0;
                        } else {
                            String where = "in the gradients of " + describe(gradients.nonFiniteGradients());
                            if (++consecutiveSkips > MAX_CONSECUTIVE_SKIPS) {
                                throw diverged("gradient norm was " + gradNorm + " for " + consecutiveSkips
                                        + " steps in a row", epoch, b, step, lr, where);
                            }
                            // As mixed-precision loss scaling does: drop this update, keep the run.
                            gradients.zero();
                            skipped++;
                            log.printf(Locale.ROOT, "skipped the update of epoch %d, batch %d (global step %d): "
                                    + "gradient norm %s %s%n", epoch + 1, b + 1, step, gradNorm, where);
                        }
                    }
                    step++;
                    lossSum += stepLoss;
                    if (Float.isFinite(gradNorm)) {
                        maxGradNorm = Math.max(maxGradNorm, gradNorm);
                    }
                    bar.update(b + 1, (long) (b + 1) * batch, String.format(Locale.ROOT,
                            "loss %.4f acc %.3f lr %.2e |g|max %.2g", lossSum / (b + 1),
                            correct / (double) ((long) (b + 1) * batch), lr, maxGradNorm));
                    listener.onStep(epoch, b, step, stepLoss);
                }
                double trainSeconds = (System.nanoTime() - epochStart) / 1e9;
                float[][] probs = DatasetScorer.probabilities(classifier, norm, validation, TtaMode.NONE, 256);
                EvaluationReport report = EvaluationReport.of(config.architecture().id(), validation.source(),
                        "validation", DatasetScorer.confusion(probs, validation));
                double valLoss = DatasetScorer.nll(probs, validation);
                double metric = config.selection() == SelectionMetric.ACCURACY ? report.accuracy() : report.macroF1();
                float lastLr = schedule.at(step - 1); // the epoch's last rate, before a plateau halving changes it
                schedule.onEpochEnd(metric, step);
                boolean improved = metric > best;
                if (improved) {
                    best = metric;
                    bestEpoch = epoch + 1;
                    waiting = 0;
                    saveParams(net, pendingBestFile(dir, bestEpoch));
                } else {
                    waiting++;
                }
                double imagesPerSecond = stepsPerEpoch * (double) batch / trainSeconds;
                metrics.epoch(new EpochMetrics(epoch + 1, step, lossSum / stepsPerEpoch,
                        correct / (double) (stepsPerEpoch * (long) batch), valLoss, report.accuracy(),
                        report.macroF1(), lastLr, maxGradNorm, skipped, imagesPerSecond,
                        trainSeconds, (System.nanoTime() - epochStart) / 1e9, JniUtils.getNumThreads(),
                        ProcessCpu.seconds() - epochCpuStart));
                log.printf(Locale.ROOT, "epoch %d: train loss %.4f, val loss %.4f, val acc %.4f, val macro-F1 %.4f, "
                                + "%.0f img/s%s%n", epoch + 1, lossSum / stepsPerEpoch, valLoss, report.accuracy(),
                        report.macroF1(), imagesPerSecond, improved ? " (best)" : "");
                if (keepEpochWeights) {
                    saveParams(net, epochWeightsFile(dir, epoch + 1));
                }
                Checkpoint.write(checkpointFile(), new Checkpoint.Progress(epoch + 1, step, best, bestEpoch, waiting,
                        schedule.plateauState()), net, optimizer);
                settleBestWeights(dir, bestEpoch);
            }
            optimizer.close();
            return new TrainingResult(dir, bestEpoch, best, epoch, step, (System.nanoTime() - started) / 1e9,
                    bestParamsFile());
        } finally {
            prefetch.shutdownNow();
        }
    }

    private BatchAssembler.Batch assemble(BatchAssembler assembler, Augmentation augmentation, int[] order, int epoch,
                                          int b, int batch) {
        int[] idx = Arrays.copyOfRange(order, b * batch, (b + 1) * batch);
        Random rng = new Random(config.seed() * 1_000_003L + epoch * 100_003L + b);
        return trainingBatch(config, train, idx, assembler, augmentation, rng);
    }

    /** The faces {@code idx} of {@code train} as {@code config} trains on them: corrupted if it says so, augmented. */
    static BatchAssembler.Batch trainingBatch(TrainConfig config, FaceDataset train, int[] idx,
                                              BatchAssembler assembler, Augmentation augmentation, Random rng) {
        if (config.corruptionAugmentation() != null) {
            FaceDataset corrupted = config.corruptionAugmentation().apply(train, idx, rng);
            return assembler.assemble(corrupted, java.util.stream.IntStream.range(0, idx.length).toArray(),
                    augmentation, rng);
        }
        return assembler.assemble(train, idx, augmentation, rng);
    }

    private float[][] teacherTargets() throws IOException {
        Distillation d = config.distillation();
        log.printf(Locale.ROOT, "distilling from %s (weight %.2f, temperature %.2f): the teacher's targets for %d faces, "
                + "computed once and kept in %s%n", d.teacher(), d.weight(), d.temperature(), train.count(),
                dir.resolve(TeacherTargets.FILE_NAME));
        long t0 = System.nanoTime();
        float[][] targets = TeacherTargets.loadOrCompute(dir, train, d.teacher(), teacher);
        log.printf(Locale.ROOT, "teacher targets ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return targets;
    }

    /** The rows of {@code table} for the faces {@code order[from .. from + n)}, as {@code [n, C]}. */
    private static float[][] rows(float[][] table, int[] order, int from, int n) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = table[order[from + i]];
        }
        return out;
    }

    private static TrainingDivergedException diverged(String what, int epoch, int batch, long step, float lr,
                                                      String where) {
        return new TrainingDivergedException(String.format(Locale.ROOT,
                "%s at epoch %d, batch %d (global step %d, learning rate %.3g), %s; lower the learning rate, "
                        + "clip gradients (--clip-grad-norm) or check the data", what, epoch + 1, batch + 1, step, lr,
                where));
    }

    /** The first few names of a list, and how many more there are. */
    static String describe(List<String> names) {
        if (names.isEmpty()) {
            return "no single parameter (the sum of squares overflowed)";
        }
        int shown = Math.min(3, names.size());
        String head = String.join(", ", names.subList(0, shown));
        return names.size() > shown ? head + " and " + (names.size() - shown) + " more" : head;
    }

    private static long countCorrect(NDArray logits, int[] labels) {
        int[] predicted = logits.argMax(1).toType(DataType.INT32, false).toIntArray();
        long n = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                n++;
            }
        }
        return n;
    }

    private static void saveParams(FerNetwork net, Path file) throws IOException {
        AtomicFiles.write(file, net::saveParameters);
    }
}

