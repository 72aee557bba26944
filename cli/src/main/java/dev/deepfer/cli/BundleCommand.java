package dev.deepfer.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.Fer2013Csv;
import dev.deepfer.data.Fer2013Split;
import dev.deepfer.data.Normalization;
import dev.deepfer.infer.ModelBundle;
import dev.deepfer.infer.WeightPrecision;
import dev.deepfer.model.FerNetwork;
import dev.deepfer.train.Checkpoint;
import dev.deepfer.train.TrainConfig;
import dev.deepfer.train.TrainingResult;
import dev.deepfer.train.TrainingRun;
import dev.deepfer.train.WeightAveraging;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code deepfer bundle}: packs the best parameters of a (possibly unfinished) run as a model
 * bundle, or the average of several epochs' parameters ({@link WeightAveraging}).
 */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = {"Make a model bundle from a training run's best parameters (best.params + config.json).",
            "With --average or --average-last: from the mean of several epochs' parameters instead (stochastic "
                    + "weight averaging), batch-norm statistics measured again on FER2013 Training."})
public final class BundleCommand implements Callable<Integer> {
    private static final int DEFAULT_BN_BATCHES = 200;

    @Mixin
    DataOptions data;
    @Option(names = "--run", required = true, description = "Run directory written by 'deepfer train'.") Path run;
    @Option(names = "--out", required = true, description = "Bundle directory to write.") Path out;
    @Option(names = "--fp16", description = "Store the weights as float16 (half the size); same as --precision float16.")
    boolean fp16;
    @Option(names = "--precision", paramLabel = "P", description = "float32 (default), float16 or int8 (weight-only, "
            + "per-channel scales: a quarter of the size). Check the accuracy loss with 'deepfer evaluate' first.")
    String precision;
    @Option(names = "--name", description = "Bundle name in the manifest (default: the directory name).") String name;
    @Option(names = "--average", split = ",", paramLabel = "<file>", description = "Average these checkpoints "
            + "(copies of last.ckpt) or parameter files of the run instead of taking best.params.")
    List<Path> average = new ArrayList<>();
    @Option(names = "--average-last", paramLabel = "K", description = "Average the last K epochs the run kept "
            + "(epoch-NN.params, from 'deepfer train --keep-epoch-weights').")
    Integer averageLast;
    @Option(names = "--bn-batches", paramLabel = "N", description = "Training batches that measure the averaged "
            + "network's batch-norm statistics (with --average or --average-last). Default: " + DEFAULT_BN_BATCHES
            + ".")
    Integer bnBatches;

    @Override
    public Integer call() throws Exception {
        WeightPrecision weights = precision();
        boolean averaging = averageLast != null || !average.isEmpty();
        if (averageLast != null && !average.isEmpty()) {
            throw new IllegalArgumentException("--average and --average-last exclude each other");
        }
        if (bnBatches != null && !averaging) {
            throw new IllegalArgumentException("--bn-batches measures averaged weights: give --average or "
                    + "--average-last too");
        }
        int batches = bnBatches == null ? DEFAULT_BN_BATCHES : bnBatches;
        if (batches < 1) {
            throw new IllegalArgumentException("--bn-batches must be at least 1, got " + batches);
        }
        Path config = run.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException(run + " is not a training run (no config.json)");
        }
        TrainConfig trainConfig = TrainConfig.read(config);
        if (!average.isEmpty()) {
            return averaged(trainConfig, average, batches, weights);
        }
        Path checkpoint = run.resolve("last.ckpt");
        if (!Files.isRegularFile(checkpoint)) {
            throw new IllegalArgumentException(run + " has no last.ckpt to say which epochs it completed");
        }
        Checkpoint.Progress progress = Checkpoint.readProgress(checkpoint);
        if (averaging) {
            return averaged(trainConfig, lastEpochs(progress), batches, weights);
        }
        Path best = run.resolve("best.params");
        if (!Files.isRegularFile(best)) {
            throw new IllegalArgumentException(run + " has no best.params (no epoch has finished)");
        }
        TrainingResult result = new TrainingResult(run, progress.bestEpoch(), progress.bestMetric(),
                progress.nextEpoch(), progress.step(), 0, best);
        ModelBundle.fromTraining(out, name != null ? name : out.getFileName().toString(), trainConfig, result,
                Normalization.FER2013, Commands.commandLine(), weights);
        System.out.println("bundle written to " + out);
        if (Files.exists(run.resolve("metrics.jsonl"))) {
            System.out.println("training curves: " + Reports.trainingCurves(run, trainConfig.architecture().id()));
        }
        return 0;
    }

    /** The run's last --average-last epochs' parameter files. */
    private List<Path> lastEpochs(Checkpoint.Progress progress) {
        if (averageLast < 1 || averageLast > progress.nextEpoch()) {
            throw new IllegalArgumentException("--average-last must be 1.." + progress.nextEpoch()
                    + " (the epochs the run completed), got " + averageLast);
        }
        List<Path> files = new ArrayList<>();
        for (int e = progress.nextEpoch() - averageLast + 1; e <= progress.nextEpoch(); e++) {
            Path f = TrainingRun.epochWeightsFile(run, e);
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException(run + " did not keep epoch " + e + "'s parameters (" + f.getFileName()
                        + "): train with --keep-epoch-weights, or name the files with --average");
            }
            files.add(f);
        }
        return files;
    }

    private int averaged(TrainConfig trainConfig, List<Path> sources, int batches, WeightPrecision weights)
            throws Exception {
        for (Path f : sources) {
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException("no weights file " + f);
            }
        }
        FaceDataset train = Fer2013Csv.load(data.fer2013(), Fer2013Split.TRAINING);
        if (trainConfig.maxTrainImages() > 0 && trainConfig.maxTrainImages() < train.count()) {
            train = train.sample(trainConfig.maxTrainImages(), trainConfig.seed());
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            FerNetwork net = WeightAveraging.network(trainConfig, manager);
            long t0 = System.nanoTime();
            WeightAveraging.average(net, sources, manager);
            int images = WeightAveraging.recalibrateBatchNorm(net, trainConfig, train, Normalization.FER2013, batches,
                    trainConfig.seed(), manager);
            System.err.printf(Locale.ROOT, "averaged %d weight files, batch-norm statistics from %d training images, "
                    + "in %.1f s%n", sources.size(), images, (System.nanoTime() - t0) / 1e9);
            ArrayNode names = JsonNodeFactory.instance.arrayNode();
            sources.forEach(f -> names.add(recorded(f)));
            ObjectNode averaging = JsonNodeFactory.instance.objectNode();
            averaging.set("sources", names);
            averaging.put("batch_norm_images", images);
            ObjectNode training = ModelBundle.trainingRecord(trainConfig, run);
            training.set(WeightAveraging.RECORD_FIELD, averaging);
            ObjectNode metrics = JsonNodeFactory.instance.objectNode();
            metrics.set("averaged", names.deepCopy());
            ModelBundle.fromNetwork(out, name != null ? name : out.getFileName().toString(), trainConfig, net, metrics,
                    training, Normalization.FER2013, Commands.commandLine(), weights);
        }
        System.out.println("bundle written to " + out);
        return 0;
    }

    /** A source as the manifest names it: relative to the run when inside it, else absolute. */
    private String recorded(Path source) {
        Path abs = source.toAbsolutePath().normalize();
        Path runDir = run.toAbsolutePath().normalize();
        return abs.startsWith(runDir) ? runDir.relativize(abs).toString() : abs.toString();
    }

    private WeightPrecision precision() {
        if (fp16 && precision != null && WeightPrecision.of(precision) != WeightPrecision.FLOAT16) {
            throw new IllegalArgumentException("--fp16 contradicts --precision " + precision);
        }
        return fp16 ? WeightPrecision.FLOAT16 : precision == null ? WeightPrecision.FLOAT32 : WeightPrecision.of(precision);
    }
}
