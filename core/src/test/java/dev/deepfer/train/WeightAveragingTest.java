package dev.deepfer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.deepfer.data.BatchAssembler;
import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.Normalization;
import dev.deepfer.model.FerNetwork;
import dev.deepfer.nn.ChannelBatchNorm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Weight averaging on a real three-epoch run that kept its epochs' parameters: the mean is the
 * element-wise mean of the epochs (from parameter files and checkpoints alike), and batch-norm
 * statistics measured again match the layer's input as computed without batch norm.
 */
class WeightAveragingTest {
    private static final int IMAGES = 96;

    @TempDir
    static Path run;
    private static TrainConfig config;

    @BeforeAll
    static void trainedRun() throws IOException {
        config = trainedRun(run);
    }

    /** A three-epoch run of {@link TrainingRunTest}'s synthetic task, keeping every epoch's parameters. */
    private static TrainConfig trainedRun(Path dir) throws IOException {
        TrainConfig c = TrainingRunTest.config(3);
        new TrainingRun(c, dir, TrainingRunTest.synthetic(IMAGES, 1), TrainingRunTest.synthetic(42, 2),
                Normalization.FER2013, new PrintStream(new ByteArrayOutputStream())).keepingEpochWeights(true)
                .run(false);
        return c;
    }

    private static Map<String, float[]> values(FerNetwork net) {
        Map<String, float[]> v = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            v.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return v;
    }

    private static Map<String, float[]> loaded(TrainConfig c, Path file, NDManager m) throws IOException {
        FerNetwork net = WeightAveraging.network(c, m);
        WeightAveraging.load(net, file, m);
        return values(net);
    }

    @Test
    void theAverageIsTheElementwiseMeanOfTheEpochsFromParameterFilesOrCheckpoints() throws IOException {
        TrainConfig c = config;
        Path tmp = run;
        List<Path> epochs = IntStream.rangeClosed(1, 3).mapToObj(e -> TrainingRun.epochWeightsFile(tmp, e)).toList();
        assertThat(epochs).allMatch(Files::isRegularFile);
        try (NDManager m = NDManager.newBaseManager()) {
            List<Map<String, float[]>> each = new ArrayList<>();
            for (Path e : epochs) {
                each.add(loaded(c, e, m));
            }
            assertThat(loaded(c, tmp.resolve("last.ckpt"), m)).as("the checkpoint holds epoch 3's weights")
                    .usingRecursiveComparison().isEqualTo(each.get(2));

            FerNetwork net = WeightAveraging.network(c, m);
            WeightAveraging.average(net, List.of(epochs.get(0), epochs.get(1), tmp.resolve("last.ckpt")), m);
            Map<String, float[]> mean = values(net);
            assertThat(mean.keySet()).containsExactlyElementsOf(each.get(0).keySet());
            int differing = 0;
            for (String name : mean.keySet()) {
                float[] got = mean.get(name);
                for (int i = 0; i < got.length; i++) {
                    float a = each.get(0).get(name)[i];
                    float b = each.get(1).get(name)[i];
                    float d = each.get(2).get(name)[i];
                    assertThat(got[i]).as(name + "[" + i + "]").isEqualTo((float) (((double) a + b + d) / 3));
                    differing += a != d ? 1 : 0;
                }
            }
            assertThat(differing).as("the epochs differ, so the mean is none of them").isGreaterThan(1000);

            WeightAveraging.average(net, List.of(epochs.get(1), epochs.get(1)), m);
            assertThat(values(net)).as("the mean of one epoch twice is that epoch")
                    .usingRecursiveComparison().isEqualTo(each.get(1));
        }
    }

    @Test
    void recalibratedStatisticsAreTheBatchMeansOfTheLayersInput() throws IOException {
        TrainConfig c = config;
        Path tmp = run;
        FaceDataset data = inputSized(c.inputSize(), 5);
        try (NDManager m = NDManager.newBaseManager()) {
            FerNetwork net = WeightAveraging.network(c, m);
            WeightAveraging.average(net, List.of(TrainingRun.epochWeightsFile(tmp, 2),
                    TrainingRun.epochWeightsFile(tmp, 3)), m);
            Block stem = net.features().getChildren().get(0).getValue();
            ChannelBatchNorm bn = (ChannelBatchNorm) stem.getChildren().get("02bn");
            Block conv = stem.getChildren().get("01conv");
            float[] averagedMean = bn.getParameters().get("runningMean").getArray().toFloatArray();

            int used = WeightAveraging.recalibrateBatchNorm(net, c, data, Normalization.FER2013, 100, 7, m);
            assertThat(used).as("every batch of the data, as it holds fewer than asked").isEqualTo(IMAGES);

            // the stem's batch norm sees the convolution of the input: its statistics must be the mean over
            // the batches (the data shuffled with the seed, cut in batches of 16) of each batch's mean and
            // unbiased variance, per channel, as update_bn computes them
            int[] order = FaceDataset.shuffledIndices(IMAGES, new java.util.Random(7));
            int batch = c.batchSize();
            double[][] expected = null;
            try (NDManager scope = m.newSubManager()) {
                for (int b = 0; b < IMAGES / batch; b++) {
                    BatchAssembler.Batch images = new BatchAssembler(Normalization.FER2013, c.inputSize()).assemble(
                            data, java.util.Arrays.copyOfRange(order, b * batch, (b + 1) * batch), null, null);
                    NDArray x = scope.create(images.images(), new ai.djl.ndarray.types.Shape(images.shape()));
                    NDArray y = conv.forward(new ParameterStore(scope, false), new NDList(x), false).head();
                    double[][] stats = meanAndUnbiasedVariance(y);
                    if (expected == null) {
                        expected = new double[2][stats[0].length];
                    }
                    for (int k = 0; k < 2; k++) {
                        for (int ch = 0; ch < stats[k].length; ch++) {
                            expected[k][ch] += stats[k][ch] / (IMAGES / batch);
                        }
                    }
                }
            }
            float[] mean = bn.getParameters().get("runningMean").getArray().toFloatArray();
            float[] var = bn.getParameters().get("runningVar").getArray().toFloatArray();
            assertThat(mean).hasSize(expected[0].length);
            for (int ch = 0; ch < mean.length; ch++) {
                assertThat((double) mean[ch]).as("mean, channel " + ch).isCloseTo(expected[0][ch],
                        within(1e-4 + 1e-4 * Math.abs(expected[0][ch])));
                assertThat((double) var[ch]).as("variance, channel " + ch).isCloseTo(expected[1][ch],
                        within(1e-4 * expected[1][ch]));
            }
            assertThat(mean).as("the averaged epochs' statistics were replaced").isNotEqualTo(averagedMean);

            assertThatThrownBy(() -> WeightAveraging.recalibrateBatchNorm(net, c, data.sample(8, 1),
                    Normalization.FER2013, 1, 7, m)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("fewer than one batch of 16");
        }
    }

    /** Per channel of {@code [N, C, H, W]} values: the mean and the unbiased variance over N, H and W. */
    private static double[][] meanAndUnbiasedVariance(NDArray y) {
        long[] shape = y.getShape().getShape();
        int channels = (int) shape[1];
        int plane = (int) (shape[2] * shape[3]);
        float[] v = y.toFloatArray();
        double[] sum = new double[channels];
        double[] sumSq = new double[channels];
        for (int i = 0; i < v.length; i++) {
            int ch = i / plane % channels;
            sum[ch] += v[i];
            sumSq[ch] += (double) v[i] * v[i];
        }
        long count = shape[0] * plane;
        double[][] out = new double[2][channels];
        for (int ch = 0; ch < channels; ch++) {
            out[0][ch] = sum[ch] / count;
            out[1][ch] = (sumSq[ch] - count * out[0][ch] * out[0][ch]) / (count - 1);
        }
        return out;
    }

    /**
     * Random faces of the network's input size: the training crop of a face its own size is the
     * face itself (any other size is cropped at a random place).
     */
    private static FaceDataset inputSized(int size, long seed) {
        java.util.Random rng = new java.util.Random(seed);
        byte[] pixels = new byte[IMAGES * size * size];
        rng.nextBytes(pixels);
        byte[] labels = new byte[IMAGES];
        for (int i = 0; i < IMAGES; i++) {
            labels[i] = (byte) (i % 7);
        }
        return new FaceDataset("random", size, pixels, labels);
    }

    @Test
    void sourcesThatAreNotWeightsOfTheNetworkAreNamed(@TempDir Path tmp) throws IOException {
        TrainConfig c = TrainingRunTest.config(1);
        Path text = Files.writeString(tmp.resolve("notes.params"), "not weights");
        try (NDManager m = NDManager.newBaseManager()) {
            FerNetwork net = WeightAveraging.network(c, m);
            assertThatThrownBy(() -> WeightAveraging.average(net, List.of(text), m)).isInstanceOf(IOException.class)
                    .hasMessageContaining(text + " is neither a checkpoint nor parameters of this network");
            assertThatThrownBy(() -> WeightAveraging.average(net, List.of(), m))
                    .hasMessageContaining("no weights to average");

            Path truncated = tmp.resolve("truncated.ckpt");
            Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(run.resolve("last.ckpt")), 5000));
            assertThatThrownBy(() -> WeightAveraging.average(net, List.of(truncated), m))
                    .isInstanceOf(IOException.class).hasMessageContaining(truncated.toString());

            // the same architecture with six classes: every name matches, the classifier's shape does not
            FerNetwork six = c.architecture().build(c.networkOptions().withClasses(6, 1));
            six.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 1, 16, 16));
            Path sixClasses = tmp.resolve("six.params");
            try (var out = new java.io.DataOutputStream(Files.newOutputStream(sixClasses))) {
                six.saveParameters(out);
            }
            assertThatThrownBy(() -> WeightAveraging.average(net, List.of(TrainingRun.epochWeightsFile(run, 1),
                    sixClasses), m)).isInstanceOf(IOException.class).hasMessageContaining(sixClasses.toString())
                    .hasMessageContaining("has shape (6");
        }
    }
}
