package dev.deepfer.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;

/**
 * An overwriting job's output, written beside the target and moved into place only when the job
 * has succeeded. Spark's {@code SaveMode.Overwrite} deletes the target before any task runs, so a
 * job that failed half-way (an executor lost, a bad model) left no output at all, the previous run's
 * included. The staging folder is the target's hidden sibling {@code .<name>.deepfer-staging}
 * (hidden, so readers of the parent folder skip it; fixed, so a killed run's leftover is overwritten
 * by the next run rather than piling up). The swap is a delete and a rename: on HDFS and local
 * disks a metadata operation, on object stores (S3A) a copy.
 */
final class StagedOutput {
    /** Writes the output to a folder whose path it is given. */
    @FunctionalInterface
    interface Writer {
        void writeTo(String folder) throws IOException;
    }

    private StagedOutput() {
    }

    static Path stagingFor(Path target) {
        return new Path(target.getParent(), "." + target.getName() + ".deepfer-staging");
    }

    /** Runs {@code writer} on the staging folder, then replaces {@code target} with it; on failure removes it. */
    static void overwrite(String target, Configuration conf, Writer writer) throws IOException {
        Path out = new Path(target);
        FileSystem fs = out.getFileSystem(conf);
        Path qualified = fs.makeQualified(out);
        if (qualified.getParent() == null) {
            throw new IllegalArgumentException("--out " + target + " is the root of its file system; name a folder in it");
        }
        Path staging = stagingFor(qualified);
        try {
            writer.writeTo(staging.toString());
        } catch (Throwable t) {
            // Throwable: Spark's DataFrameWriter.save is Scala and throws SparkException (a checked
            // exception) for a failed job without declaring it
            fs.delete(staging, true);
            throw t;
        }
        if (fs.exists(qualified) && !fs.delete(qualified, true)) {
            throw new IOException("cannot remove the previous output " + qualified + "; the new one is in " + staging);
        }
        if (!fs.rename(staging, qualified)) {
            throw new IOException("cannot move the output from " + staging + " to " + qualified);
        }
    }
}
