package dev.deepfer.cli;

import dev.deepfer.data.ImageDecodeException;
import dev.deepfer.data.InvalidDataException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code deepfer} command line: thin commands over deepfer-core. */
@Command(name = "deepfer", mixinStandardHelpOptions = true, version = "deepfer 0.1.0",
        description = "Facial emotion recognition on the JVM: train, evaluate and benchmark CBAM ensembles.",
        subcommands = {PredictCommand.class, VideoCommand.class, CropsCommand.class, TrainCommand.class, EvaluateCommand.class, EnsembleCommand.class, BundleCommand.class, BenchCommand.class, ServeCommand.class, ResultsCommand.class, CurvesCommand.class,
                RobustnessCommand.class, CrossDatasetCommand.class, CalibrateCommand.class, ExplainCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Launcher-only command (./deepfer, not this jar):",
                "  spark     Batch recognition over large image collections with Apache Spark (local mode; "
                        + "see ./deepfer spark --help and docs/SPARK.md)."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (used by tests). */
    public static int execute(String... args) {
        System.setProperty("ai.djl.offline", "true");
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("deepfer: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return exitCode(ex);
        });
        return cli.execute(args);
    }

    /**
     * The exit code of a command that threw {@code ex}: 2 when the input is at fault (an argument's
     * value, or a file it names that is missing or holds no valid data), 3 when an image it names
     * cannot be decoded (as {@code predict} and {@code video} exit), else 1: an internal error, which
     * an {@link IllegalStateException} is too.
     */
    static int exitCode(Exception ex) {
        if (ex instanceof ImageDecodeException e) {
            return e.reason() == ImageDecodeException.Reason.UNREADABLE ? 2 : 3;
        }
        return ex instanceof IllegalArgumentException || ex instanceof InvalidDataException ? 2 : 1;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
