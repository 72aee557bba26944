package dev.deepfer.spark;

import dev.deepfer.data.ImageDecodeException;
import dev.deepfer.data.ImageDecodeException.Reason;
import dev.deepfer.data.ImageDecoder;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Where the images come from. On the driver: a dataset of {@code (path, content, kept columns…)}
 * rows, either listed by Spark's {@code binaryFile} source (any Hadoop path or glob) or named by a
 * Parquet/CSV table; content is {@code null} in both, since the executor reads every image with
 * {@link #read}. On the executor: reading an image, where a missing, unreadable or oversized file
 * becomes an {@link ImageDecodeException} (an error row) rather than a failed task.
 */
final class ImageInputs {
    /** Column positions in the dataset {@link #load} returns. */
    static final int PATH = 0;
    static final int CONTENT = 1;
    static final int FIRST_KEPT = 2;

    private ImageInputs() {
    }

    /** The input rows for {@code options}; bad paths or column names fail here, before any work. */
    static Dataset<Row> load(SparkSession spark, JobOptions options) {
        String[] inputs = options.inputs().toArray(String[]::new);
        Dataset<Row> source = switch (options.inputFormat()) {
            case IMAGES -> {
                DataFrameReader r = spark.read().format("binaryFile")
                        .option("recursiveFileLookup", options.recursive())
                        .option("ignoreMissingFiles", true);
                if (options.nameFilter() != null && !options.nameFilter().equals("*")) {
                    r = r.option("pathGlobFilter", options.nameFilter());
                }
                yield r.load(inputs);
            }
            case PARQUET -> spark.read().parquet(inputs);
            case CSV -> spark.read().option("header", true).csv(inputs);
        };
        List<String> columns = Arrays.asList(source.columns());
        List<Column> selected = new ArrayList<>();
        if (options.inputFormat().isTable()) {
            requireColumn(columns, options.pathColumn(), "path column");
            selected.add(col(options.pathColumn()).cast("string").as("path"));
        } else {
            // binaryFile's content is not selected, so Spark lists the files but does not read them: the
            // executor does (read), size-checked first, and a file it cannot read is an error row. Spark's
            // own read failed the task (and the job) on a file over 2 GiB or an access-denied one on
            // HDFS/S3, dropped a permission-denied local file without a row (as a missing file), and
            // held every file whole in memory before any size check.
            selected.add(col("path"));
        }
        selected.add(lit(null).cast("binary").as("content"));
        for (String keep : options.keepColumns()) {
            requireColumn(columns, keep, "kept column");
            selected.add(col(keep));
        }
        return source.select(selected.toArray(Column[]::new));
    }

    /** The kept columns' fields of a dataset made by {@link #load}. */
    static List<StructField> keptFields(Dataset<Row> inputs) {
        StructField[] all = inputs.schema().fields();
        return List.of(Arrays.copyOfRange(all, FIRST_KEPT, all.length));
    }

    private static void requireColumn(List<String> columns, String name, String what) {
        if (!columns.contains(name)) {
            throw new IllegalArgumentException("no " + what + " '" + name + "' in the input; its columns: "
                    + String.join(", ", columns));
        }
    }

    /** Reads an image through Hadoop's file systems, size-checked before reading. */
    static byte[] read(String path, Configuration conf) throws ImageDecodeException {
        String name = String.valueOf(path);
        if (path == null || path.isBlank()) {
            throw new ImageDecodeException(Reason.UNREADABLE, name, "empty path");
        }
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(conf);
            FileStatus status = fs.getFileStatus(p);
            if (status.isDirectory()) {
                throw new ImageDecodeException(Reason.UNREADABLE, name, "is a folder, not an image file");
            }
            if (status.getLen() > ImageDecoder.DEFAULT_MAX_BYTES) {
                throw new ImageDecodeException(Reason.TOO_LARGE, name, status.getLen() + " bytes, over the limit of "
                        + ImageDecoder.DEFAULT_MAX_BYTES);
            }
            byte[] bytes = new byte[(int) status.getLen()];
            try (FSDataInputStream in = fs.open(p)) {
                in.readFully(0, bytes);
            }
            return bytes;
        } catch (FileNotFoundException e) {
            throw new ImageDecodeException(Reason.UNREADABLE, name, "no such file", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ImageDecodeException(Reason.UNREADABLE, name, "cannot read the file: " + e, e);
        }
    }
}
