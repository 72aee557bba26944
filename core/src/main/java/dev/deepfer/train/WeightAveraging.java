package dev.deepfer.train;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.deepfer.data.Augmentation;
import dev.deepfer.data.BatchAssembler;
import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.Normalization;
import dev.deepfer.model.FerNetwork;
import dev.deepfer.nn.ChannelBatchNorm;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Stochastic weight averaging after the fact (Izmailov et al., 2018): the element-wise mean of a
 * run's parameters at several epochs, usually the last few, then batch-norm statistics measured
 * again for the averaged weights (the mean of each epoch's running statistics describes none of
 * them). The sources are checkpoints ({@code last.ckpt} copies) or parameter files
 * ({@code best.params}); all must be of one architecture.
 */
public final class WeightAveraging {
    /** The field of a bundle's training record that says which weights were averaged (not part of the config). */
    public static final String RECORD_FIELD = "weight_averaging";

    private WeightAveraging() {
    }

    /**
     * Loads the mean of the parameters in {@code sources} into {@code net} (initialised, any
     * values). Running batch-norm statistics are averaged too; {@link #recalibrateBatchNorm}
     * replaces them.
     */
    public static void average(FerNetwork net, List<Path> sources, NDManager manager) throws IOException {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no weights to average");
        }
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            shapes.put(p.getKey(), p.getValue().getArray().getShape());
        }
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (Path source : sources) {
            closeArrays(net); // loading replaces the arrays without closing them
            load(net, source, manager);
            for (Pair<String, Parameter> p : net.getParameters()) {
                NDArray array = p.getValue().getArray();
                if (!array.getShape().equals(shapes.get(p.getKey()))) {
                    throw new IOException(source + ": parameter " + p.getKey() + " has shape " + array.getShape()
                            + ", the network's is " + shapes.get(p.getKey()) + " (another architecture or width)");
                }
                float[] values = array.toFloatArray();
                double[] sum = sums.computeIfAbsent(p.getKey(), k -> new double[values.length]);
                for (int i = 0; i < values.length; i++) {
                    sum[i] += values[i];
                }
            }
        }
        for (Pair<String, Parameter> p : net.getParameters()) {
            double[] sum = sums.get(p.getKey());
            float[] mean = new float[sum.length];
            for (int i = 0; i < mean.length; i++) {
                mean[i] = (float) (sum[i] / sources.size());
            }
            p.getValue().getArray().set(mean);
        }
    }

    private static void closeArrays(FerNetwork net) {
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (p.getValue().isInitialized()) {
                p.getValue().getArray().close();
            }
        }
    }

    /** Loads one source's parameters: a checkpoint's (its optimiser state unread) or a parameter file's. */
    static void load(FerNetwork net, Path source, NDManager manager) throws IOException {
        try {
            if (Checkpoint.isCheckpoint(source)) {
                Checkpoint.readParameters(source, net, manager);
                return;
            }
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(source)))) {
                net.loadParameters(manager, in);
            }
        } catch (MalformedModelException | IOException | RuntimeException e) {
            throw new IOException(source + " is neither a checkpoint nor parameters of this network ("
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()) + ")", e);
        }
    }

    /**
     * Measures every batch-norm layer's running mean and variance again as the plain mean of its
     * per-batch statistics over {@code batches} training batches of {@code data} (shuffled with
     * {@code seed}, of {@code config}'s batch size, corrupted and augmented as its training was; the
     * network runs in training mode, dropout and stochastic depth included, drawn with {@code seed}
     * too, without gradients), as PyTorch's {@code update_bn} does: the same seed gives the same
     * statistics. Returns the images used.
     */
    public static int recalibrateBatchNorm(FerNetwork net, TrainConfig config, FaceDataset data, Normalization norm,
                                           int batches, long seed, NDManager manager) {
        int batchSize = config.batchSize();
        if (batches <= 0) {
            throw new IllegalArgumentException("batch-norm recalibration needs at least one batch, got " + batches);
        }
        Engine.getInstance().setRandomSeed((int) seed); // stochastic depth draws from the engine
        List<NDArray> stats = new ArrayList<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            Parameter.Type type = p.getValue().getType();
            if (type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR) {
                stats.add(p.getValue().getArray());
            }
        }
        if (stats.isEmpty()) {
            return 0;
        }
        double[][] sums = new double[stats.size()][];
        int[] order = FaceDataset.shuffledIndices(data.count(), new Random(seed));
        int n = Math.min(batches, data.count() / batchSize);
        if (n == 0) {
            throw new IllegalArgumentException(data.count() + " images are fewer than one batch of " + batchSize);
        }
        BatchAssembler assembler = new BatchAssembler(norm, config.inputSize());
        Augmentation augmentation = new Augmentation(config.augmentation());
        Random rng = new Random(seed + 1);
        for (int b = 0; b < n; b++) {
            for (NDArray s : stats) {
                s.set(new float[Math.toIntExact(s.size())]);
            }
            BatchAssembler.Batch batch = TrainingRun.trainingBatch(config, data,
                    Arrays.copyOfRange(order, b * batchSize, (b + 1) * batchSize), assembler, augmentation, rng);
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(batch.images(), new Shape(batch.shape()));
                net.forward(new ParameterStore(scope, false), new NDList(x), true);
            }
            for (int i = 0; i < stats.size(); i++) {
                float[] values = stats.get(i).toFloatArray(); // the batch's statistics times the weight
                if (sums[i] == null) {
                    sums[i] = new double[values.length];
                }
                for (int j = 0; j < values.length; j++) {
                    sums[i][j] += values[j];
                }
            }
        }
        for (int i = 0; i < stats.size(); i++) {
            float[] mean = new float[sums[i].length];
            for (int j = 0; j < mean.length; j++) {
                mean[j] = (float) (sums[i][j] / n / ChannelBatchNorm.BATCH_STATISTICS_WEIGHT);
            }
            stats.get(i).set(mean);
        }
        return n * batchSize;
    }

    /** A network of {@code config}'s architecture, initialised for its input size. */
    public static FerNetwork network(TrainConfig config, NDManager manager) {
        FerNetwork net = config.architecture().build(config.networkOptions());
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, config.inputSize(), config.inputSize()));
        return net;
    }
}
