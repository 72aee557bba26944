package dev.deepfer.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The batch job: images in ({@link ImageInputs}), one {@link RecognizePartition} per partition,
 * face rows out ({@link FaceRows}) as Parquet or JSON Lines, overwriting by default so a re-run
 * gives the same output (written beside the old output and swapped in when the job succeeds:
 * {@link StagedOutput}). Bad images are error rows and counted ({@link JobSummary}); only bad
 * arguments, a missing input or an unusable model fail the job.
 */
public final class RecognitionJob {
    private RecognitionJob() {
    }

    /** Runs the job on {@code spark} and returns what it did. */
    public static JobSummary run(SparkSession spark, JobOptions options) throws IOException {
        Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
        StagedOutput.refuseOverInputs(options.output(), options.inputs(), hadoopConf);
        ModelHolder.Key model = ModelHolder.Key.resolve(options.model(), hadoopConf,
                spark.sparkContext().isLocal());
        Dataset<Row> inputs = ImageInputs.load(spark, options);
        if (inputs.isEmpty()) { // before the output is touched: an empty run must not replace the last one
            throw new IllegalArgumentException("no input in " + String.join(", ", options.inputs())
                    + (options.inputFormat().isTable() ? "" : " matches --name-filter " + options.nameFilter()));
        }
        FaceRows rows = new FaceRows(ImageInputs.keptFields(inputs));
        List<String> columns = Arrays.asList(rows.schema().fieldNames());
        for (String p : options.partitionBy()) {
            if (!columns.contains(p)) {
                throw new IllegalArgumentException("cannot partition by '" + p + "': not an output column; valid: "
                        + String.join(", ", columns));
            }
        }
        if (options.partitions() > 0) {
            inputs = inputs.repartition(options.partitions());
        } else if (options.inputFormat().isTable()) {
            // a table of paths is small: spread it so every core reads and recognises images
            inputs = inputs.repartition(spark.sparkContext().defaultParallelism());
        }
        Broadcast<HadoopConf> hadoop = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(new HadoopConf(hadoopConf));
        JobCounters counters = JobCounters.register(spark.sparkContext());
        RecognizePartition recognize = new RecognizePartition(model, rows, options.batchSize(), options.threads(),
                hadoop, counters);
        Dataset<Row> faces = inputs.mapPartitions(recognize, Encoders.row(rows.schema()));
        boolean append = options.mode() == JobOptions.WriteMode.APPEND;
        DataFrameWriter<Row> writer = faces.write()
                .mode(append ? SaveMode.Append : SaveMode.Overwrite)
                .format(options.outputFormat().sparkName())
                .option("ignoreNullFields", false) // JSON Lines: every row has every key (null where empty)
                // the whole staging folder is this run's, even under a session set to dynamic overwrite
                .option("partitionOverwriteMode", "static");
        if (!options.partitionBy().isEmpty()) {
            writer = writer.partitionBy(options.partitionBy().toArray(String[]::new));
        }
        long start = System.nanoTime();
        if (append) {
            writer.save(options.output());
        } else {
            DataFrameWriter<Row> w = writer;
            StagedOutput.overwrite(options.output(), hadoopConf, w::save);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        hadoop.destroy();
        return counters.summary(model, seconds);
    }
}
