package dev.deepfer.cli;

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
import dev.deepfer.model.Architecture;
import dev.deepfer.model.FerNetwork;
import dev.deepfer.model.NetworkOptions;
import dev.deepfer.model.Networks;
import dev.deepfer.nn.CbamPlacement;
import dev.deepfer.train.OptimizerKind;
import dev.deepfer.train.ParameterOptimizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code deepfer bench train}: images/s of training steps (Adam, cross-entropy) and of inference on
 * random input, with the same protocol as the PyTorch reference script (warm-up, median step), and
 * the process's peak resident memory.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Training and inference throughput of an architecture on random input.")
public final class BenchTrainCommand implements Callable<Integer> {

    @Mixin NetworkChoice network;
    @Option(names = "--size", defaultValue = "48") int size;
    @Option(names = "--batch", defaultValue = "64") int batch;
    @Option(names = "--warmup", defaultValue = "3") int warmup;
    @Option(names = "--steps", defaultValue = "10") int steps;
    @Option(names = "--profile", paramLabel = "DIR",
            description = "Also record --profile-steps more training and inference steps with PyTorch's profiler, as "
                    + "Chrome traces DIR/train-trace.json and DIR/infer-trace.json (compare with "
                    + "tools/profile_torch_reference.py and tools/compare_profiles.py).")
    Path profileDir;
    @Option(names = "--profile-steps", defaultValue = "3") int profileSteps;

    @Override
    public Integer call() throws Exception {
        Architecture arch = network.arch;
        CbamPlacement placement = network.placement();
        NetworkOptions options = network.options();
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(0);
            FerNetwork net = arch.build(options);
            net.initialize(m, DataType.FLOAT32, new Shape(batch, 1, size, size));
            // Inputs are copied into each step's scope: results of an op live in its input's manager, so
            // an input held by the root manager would keep every step's activations alive.
            float[] input = m.randomNormal(new Shape(batch, 1, size, size)).toFloatArray();
            int[] labels = m.randomInteger(0, 7, new Shape(batch), DataType.INT32).toIntArray();
            Loss ce = Loss.softmaxCrossEntropyLoss();
            double[] trainMs = new double[warmup + steps];
            double[] inferMs = new double[warmup + steps];
            try (ParameterOptimizer opt = new ParameterOptimizer(net.getParameters(), OptimizerKind.ADAM, 0, 0, m)) {
                Step train = () -> trainStep(net, opt, m, input, labels, ce);
                Step infer = () -> inferStep(net, m, input);
                time(train, trainMs);
                time(infer, inferMs);
                if (profileDir != null) {
                    Files.createDirectories(profileDir);
                    profile(train, profileDir.resolve("train-trace.json"));
                    profile(infer, profileDir.resolve("infer-trace.json"));
                }
            }
            double train = median(trainMs);
            double infer = median(inferMs);
            System.out.printf(Locale.ROOT, "{\"runtime\": \"deepfer (DJL %s, PyTorch %s)\", \"arch\": \"%s\", "
                            + "\"cbam\": \"%s\", \"stem\": \"%s\", \"size\": %d, \"batch\": %d, \"threads\": %d, "
                            + "\"params\": %d, \"train_step_ms\": %.1f, \"train_images_per_s\": %.1f, "
                            + "\"infer_step_ms\": %.1f, \"infer_images_per_s\": %.1f, \"peak_rss_mb\": %d}%n",
                    Engine.getDjlVersion(), Engine.getInstance().getVersion(), arch.id(), placement, options.stem(),
                    size, batch, JniUtils.getNumThreads(), Networks.trainableParameters(net), train,
                    batch * 1000 / train, infer, batch * 1000 / infer, peakRssMb());
        }
        return 0;
    }

    private interface Step {
        void run();
    }

    private void trainStep(FerNetwork net, ParameterOptimizer opt, NDManager m, float[] input, int[] labels, Loss ce) {
        try (NDManager scope = m.newSubManager()) {
            NDArray x = scope.create(input, new Shape(batch, 1, size, size));
            NDArray y = scope.create(labels);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = net.forward(new ParameterStore(scope, false), new NDList(x), true).head();
                NDArray l = ce.evaluate(new NDList(y), new NDList(logits));
                gc.backward(l);
            }
            opt.step(1e-3f);
        }
    }

    private void inferStep(FerNetwork net, NDManager m, float[] input) {
        try (NDManager scope = m.newSubManager()) {
            NDArray x = scope.create(input, new Shape(batch, 1, size, size));
            net.forward(new ParameterStore(scope, false), new NDList(x), false).head().toFloatArray();
        }
    }

    private static void time(Step step, double[] ms) {
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            step.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
    }

    /** Runs {@code profileSteps} steps under PyTorch's profiler and writes its Chrome trace. */
    private void profile(Step step, Path trace) {
        JniUtils.startProfile(false, true, false);
        try {
            for (int i = 0; i < profileSteps; i++) {
                step.run();
            }
        } finally {
            JniUtils.stopProfile(trace.toString());
        }
        System.err.println("profile of " + profileSteps + " steps: " + trace);
    }

    private double median(double[] ms) {
        double[] timed = Arrays.copyOfRange(ms, warmup, ms.length);
        Arrays.sort(timed);
        return timed[timed.length / 2];
    }

    /** VmHWM from /proc (Linux), or -1. */
    static long peakRssMb() {
        return procStatusMb("VmHWM:");
    }

    /** VmRSS (resident memory now) from /proc (Linux), or -1. */
    static long rssMb() {
        return procStatusMb("VmRSS:");
    }

    private static long procStatusMb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
