package dev.deepfer.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Entry point of the Spark job, for {@code spark-submit --class dev.deepfer.spark.SparkMain
 * deepfer-spark.jar …} and for {@code ./deepfer spark …} (local mode). Parses the options into
 * {@link JobOptions}, runs {@link RecognitionJob}, prints the summary as one JSON line on stdout
 * and a sentence (with the first failures) on stderr.
 */
@Command(name = "deepfer spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Recognise the emotions of every face in a folder tree, glob or table of images on Apache "
                + "Spark, writing one row per face (Parquet or JSON Lines). Runs in local mode unless "
                + "spark-submit sets the master."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done (unreadable images are error rows, counted in the summary)", "1:internal error",
            "2:bad arguments, missing input or unusable model"})
public final class SparkMain implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "<input>", description = "Image folders, files or globs (any Hadoop "
            + "path: file:, hdfs:, s3a:, …); with --input-format parquet|csv, tables with a path column.")
    List<String> inputs;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "<dir>", description = "Output folder.")
    String output;

    @Option(names = "--format", defaultValue = "parquet", paramLabel = "parquet|json",
            description = "Output format (json: JSON Lines). Default: ${DEFAULT-VALUE}.")
    JobOptions.OutputFormat format;

    @Option(names = "--partition-by", split = ",", paramLabel = "<column>",
            description = "Partition the output folder by these output columns (e.g. emotion, model_sha256).")
    List<String> partitionBy = new ArrayList<>();

    @Option(names = "--mode", defaultValue = "overwrite", paramLabel = "overwrite|append",
            description = "Replace the output (default: re-runs are idempotent) or add to it.")
    JobOptions.WriteMode mode;

    @Option(names = "--input-format", defaultValue = "images", paramLabel = "images|parquet|csv",
            description = "images: files read by Spark's binaryFile source; parquet/csv: a table naming the images.")
    JobOptions.InputFormat inputFormat;

    @Option(names = "--path-column", defaultValue = "path", description = "The table's image path column.")
    String pathColumn;

    @Option(names = "--name-filter", defaultValue = JobOptions.IMAGE_GLOB, paramLabel = "<glob>",
            description = "File-name glob for folder input ('*': every file). Default: ${DEFAULT-VALUE}.")
    String nameFilter;

    @Option(names = "--no-recursive", description = "Do not look into sub-folders.")
    boolean noRecursive;

    @Option(names = "--keep", split = ",", paramLabel = "<column>",
            description = "Input columns to copy onto every output row (binaryFile has modificationTime, length).")
    List<String> keep = new ArrayList<>();

    @Option(names = "--model", paramLabel = "<bundle>", description = "Model bundle: a folder, a .zip, a name "
            + "shipped with --files/--archives, or a Hadoop URI. Default: the bundle inside the jar.")
    String model;

    @Option(names = "--batch", defaultValue = "32", description = "Images per model call. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--partitions", defaultValue = "0",
            description = "Repartition the input into this many partitions (0: as read).")
    int partitions;

    @Option(names = "--threads", defaultValue = "0",
            description = "PyTorch/OpenCV threads per task (0: spark.task.cpus, so tasks x threads = cores).")
    int threads;

    @Option(names = "--master", paramLabel = "<url>",
            description = "Spark master when spark-submit does not set one. Default: local[*].")
    String master;

    public static void main(String[] args) {
        int code = execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command line and returns its exit code (used by tests). */
    public static int execute(String... args) {
        System.setProperty("ai.djl.offline", "true");
        CommandLine cli = new CommandLine(new SparkMain()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("deepfer spark: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return exitCode(ex);
        });
        return cli.execute(args);
    }

    /**
     * 2 for bad arguments, a missing input or an unusable model (also when an executor found the
     * model unusable: Spark's job failure then has a {@link ModelUnavailableException} as cause),
     * 1 for anything else.
     */
    static int exitCode(Throwable failure) {
        boolean bad = failure instanceof IllegalArgumentException || failure instanceof AnalysisException
                || failure instanceof java.io.IOException || ModelUnavailableException.isCauseOf(failure);
        return bad ? 2 : 1;
    }

    @Override
    public Integer call() throws Exception {
        JobOptions options = new JobOptions(inputs, inputFormat, pathColumn, !noRecursive, nameFilter, keep, output,
                format, partitionBy, mode, model, batch, partitions, threads);
        try (SparkSession spark = session(master)) {
            JobSummary summary = RecognitionJob.run(spark, options);
            System.out.println(summary.toJson());
            System.err.println("deepfer spark: " + summary.describe() + "; output " + options.outputFormat().sparkName()
                    + " at " + options.output());
            summary.failures().forEach(f -> System.err.println("  failed: " + f));
            if (summary.failed() > summary.failures().size()) {
                System.err.println("  (all failures: the rows with a non-null error column)");
            }
        }
        return 0;
    }

    /**
     * The session: spark-submit's configuration when it set a master, else local mode on
     * {@code master} (default {@code local[*]}) bound to the loopback address, without the web UI.
     */
    static SparkSession session(String master) {
        SparkConf given = new SparkConf();
        SparkSession.Builder b = SparkSession.builder().appName("deepfer-spark");
        if (!given.contains("spark.master")) {
            b = b.master(master != null ? master : "local[*]");
            for (String[] kv : new String[][] {{"spark.ui.enabled", "false"}, {"spark.driver.host", "127.0.0.1"},
                    {"spark.driver.bindAddress", "127.0.0.1"}}) {
                if (!given.contains(kv[0])) {
                    b = b.config(kv[0], kv[1]);
                }
            }
        } else if (master != null) {
            throw new IllegalArgumentException("--master is for local runs; spark-submit already set the master to "
                    + given.get("spark.master"));
        }
        return b.getOrCreate();
    }
}
