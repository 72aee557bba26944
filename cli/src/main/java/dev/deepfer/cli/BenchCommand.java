package dev.deepfer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code deepfer bench}: benchmarks (numbers for docs, not tests). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks: train, recognize, load, gradients.",
        subcommands = {BenchTrainCommand.class, BenchRecognizeCommand.class, BenchLoadCommand.class,
            BenchGradientsCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
