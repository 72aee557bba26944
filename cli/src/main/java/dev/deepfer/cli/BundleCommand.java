package dev.deepfer.cli;

import dev.deepfer.data.Normalization;
import dev.deepfer.infer.ModelBundle;
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
    @Option(names = "--fp16", description = "Store the weights as float16 (half the size).") boolean fp16;
    @Option(names = "--name", description = "Bundle name in the manifest (default: the directory name).") String name;

    @Override
    public Integer call() throws Exception {
        Path config = run.resolve("config.json");
        Path best = run.resolve("best.params");
        if (!Files.isRegularFile(config) || !Files.isRegularFile(best)) {
            throw new IllegalArgumentException(run + " is not a training run with a best epoch (needs config.json and "
                    + "best.params)");
        }
        int bestEpoch = -1;
        double bestMetric = Double.NaN;
        Path metrics = run.resolve("metrics.jsonl");
        if (Files.exists(metrics)) {
            var reader = new com.fasterxml.jackson.databind.ObjectMapper();
            for (String line : Files.readAllLines(metrics)) {
                var n = reader.readTree(line);
                double v = n.path("val_accuracy").asDouble();
                if (Double.isNaN(bestMetric) || v > bestMetric) {
                    bestMetric = v;
                    bestEpoch = n.path("epoch").asInt();
                }
            }
        }
        TrainingResult result = new TrainingResult(run, bestEpoch, bestMetric, -1, -1, 0, best);
        ModelBundle.fromTraining(out, name != null ? name : out.getFileName().toString(), TrainConfig.read(config),
                result, Normalization.FER2013, Commands.commandLine(), fp16);
        System.out.println("bundle written to " + out);
        if (Files.exists(metrics)) {
            System.out.println("training curves: " + Reports.trainingCurves(run, TrainConfig.read(config).architecture().id()));
        }
        return 0;
    }
}
