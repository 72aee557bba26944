package dev.deepfer.spark;

import java.util.List;
import java.util.Locale;

/**
 * Everything a {@link RecognitionJob} needs to know, validated once: where the images are, how to
 * write the faces, which model and how to batch it.
 *
 * @param inputs image folders, files or globs (any Hadoop path), or tables with a path column
 * @param inputFormat how to read {@code inputs}
 * @param pathColumn the table column holding image paths ({@link InputFormat#PARQUET}, {@link InputFormat#CSV})
 * @param recursive look into sub-folders ({@link InputFormat#IMAGES}; Spark's {@code recursiveFileLookup})
 * @param nameFilter file-name glob ({@link InputFormat#IMAGES}; Spark's {@code pathGlobFilter}), {@code "*"} for every file
 * @param keepColumns input columns copied onto every output row (e.g. a video id to partition by)
 * @param output output folder (any Hadoop path)
 * @param outputFormat Parquet or JSON Lines
 * @param partitionBy output columns to partition the folder by (none for a flat folder)
 * @param mode replace the output (re-runs are idempotent) or add to it
 * @param model the bundle: {@code null} for the one inside the jar, else a folder, a {@code .zip}, a
 *     name shipped with {@code --files}/{@code --archives}, or a Hadoop URI
 * @param batchSize images per model call within a partition
 * @param partitions repartition the input into this many partitions first (0: as read)
 * @param threads PyTorch and OpenCV threads per task (0: {@code spark.task.cpus})
 */
public record JobOptions(List<String> inputs, InputFormat inputFormat, String pathColumn, boolean recursive,
        String nameFilter, List<String> keepColumns, String output, OutputFormat outputFormat,
        List<String> partitionBy, WriteMode mode, String model, int batchSize, int partitions, int threads) {

    /** The file names {@link InputFormat#IMAGES} reads by default: what {@code deepfer predict} reads. */
    public static final String IMAGE_GLOB = "*.{jpg,jpeg,png,bmp,gif,JPG,JPEG,PNG,BMP,GIF}";

    /** Validates and copies the lists. */
    public JobOptions {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("give at least one input");
        }
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("give an output folder");
        }
        if (batchSize < 1 || batchSize > 4096) {
            throw new IllegalArgumentException("the batch size must be in 1..4096, got " + batchSize);
        }
        if (partitions < 0 || threads < 0) {
            throw new IllegalArgumentException("partitions and threads must not be negative");
        }
        inputs = List.copyOf(inputs);
        keepColumns = keepColumns == null ? List.of() : List.copyOf(keepColumns);
        partitionBy = partitionBy == null ? List.of() : List.copyOf(partitionBy);
    }

    /** Options with the defaults of the command line: images in, Parquet out, overwrite, model from the jar. */
    public static JobOptions of(List<String> inputs, String output) {
        return new JobOptions(inputs, InputFormat.IMAGES, "path", true, IMAGE_GLOB, List.of(), output,
                OutputFormat.PARQUET, List.of(), WriteMode.OVERWRITE, null, 32, 0, 0);
    }

    /** A copy reading tables (Parquet or CSV) whose {@code column} names the images. */
    public JobOptions withTable(InputFormat format, String column) {
        return new JobOptions(inputs, format, column, recursive, nameFilter, keepColumns, output, outputFormat,
                partitionBy, mode, model, batchSize, partitions, threads);
    }

    /** A copy writing {@code format}, partitioned by {@code columns}, in {@code writeMode}. */
    public JobOptions withOutput(OutputFormat format, List<String> columns, WriteMode writeMode) {
        return new JobOptions(inputs, inputFormat, pathColumn, recursive, nameFilter, keepColumns, output, format,
                columns, writeMode, model, batchSize, partitions, threads);
    }

    /** A copy that copies {@code columns} of the input onto every output row. */
    public JobOptions withKeptColumns(List<String> columns) {
        return new JobOptions(inputs, inputFormat, pathColumn, recursive, nameFilter, columns, output, outputFormat,
                partitionBy, mode, model, batchSize, partitions, threads);
    }

    /** Where the images come from. */
    public enum InputFormat {
        /** Image files read by Spark's {@code binaryFile} source (folders, files, globs). */
        IMAGES,
        /** A Parquet table with a path column; each image is read by the executor. */
        PARQUET,
        /** A CSV table with a header and a path column; each image is read by the executor. */
        CSV;

        /** Whether the images are named by a table rather than listed by Spark. */
        public boolean isTable() {
            return this != IMAGES;
        }
    }

    /** How the faces are written. */
    public enum OutputFormat {
        /** Columnar, typed; the default. */
        PARQUET,
        /** JSON Lines (one object per face). */
        JSON;

        /** Spark's name of the data source. */
        public String sparkName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What happens to an existing output folder. */
    public enum WriteMode {
        /** Replace it: re-running the same job gives the same output. */
        OVERWRITE,
        /** Add new files beside the existing ones. */
        APPEND
    }
}
