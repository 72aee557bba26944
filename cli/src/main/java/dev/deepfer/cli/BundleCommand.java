package dev.deepfer.cli;

import dev.deepfer.data.Normalization;
import dev.deepfer.infer.ModelBundle;
import dev.deepfer.infer.WeightPrecision;
import dev.deepfer.train.Checkpoint;
import dev.deepfer.train.TrainConfig;
import dev.deepfer.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code deepfer bundle}: packs the best parameters of a (possibly unfinished) run as a model bundle. */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = "Make a model bundle from a training run's best parameters (best.params + config.json).")
public final class BundleCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, description = "Run directory written by 'deepfer train'.") Path run;
    @Option(names = "--out", required = true, description = "Bundle directory to write.") Path out;
    @Option(names = "--fp16", description = "Store the weights as float16 (half the size); same as --precision float16.")
    boolean fp16;
    @Option(names = "--precision", paramLabel = "P", description = "float32 (default), float16 or int8 (weight-only, "
            + "per-channel scales: a quarter of the size). Check the accuracy loss with 'deepfer evaluate' first.")
    String precision;
    @Option(names = "--name", description = "Bundle name in the manifest (default: the directory name).") String name;

    @Override
    public Integer call() throws Exception {
        Path config = run.resolve("config.json");
        Path best = run.resolve("best.params");
        if (!Files.isRegularFile(config) || !Files.isRegularFile(best)) {
            throw new IllegalArgumentException(run + " is not a training run with a best epoch (needs config.json and "
                    + "best.params)");
        }
        Path checkpoint = run.resolve("last.ckpt");
        if (!Files.isRegularFile(checkpoint)) {
            throw new IllegalArgumentException(run + " has no last.ckpt to say which epoch best.params is from");
        }
        Checkpoint.Progress progress = Checkpoint.readProgress(checkpoint);
        TrainConfig trainConfig = TrainConfig.read(config);
        TrainingResult result = new TrainingResult(run, progress.bestEpoch(), progress.bestMetric(),
                progress.nextEpoch(), progress.step(), 0, best);
        ModelBundle.fromTraining(out, name != null ? name : out.getFileName().toString(), trainConfig, result,
                Normalization.FER2013, Commands.commandLine(), precision());
        System.out.println("bundle written to " + out);
        if (Files.exists(run.resolve("metrics.jsonl"))) {
            System.out.println("training curves: " + Reports.trainingCurves(run, trainConfig.architecture().id()));
        }
        return 0;
    }

    private WeightPrecision precision() {
        if (fp16 && precision != null && WeightPrecision.of(precision) != WeightPrecision.FLOAT16) {
            throw new IllegalArgumentException("--fp16 contradicts --precision " + precision);
        }
        return fp16 ? WeightPrecision.FLOAT16 : precision == null ? WeightPrecision.FLOAT32 : WeightPrecision.of(precision);
    }
}
