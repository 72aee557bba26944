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
 * (hidden, so readers of the parent folder skip it; fixed, and emptied before each run, so a killed
 * run's leftover can neither pile up nor be swapped in). The swap moves the previous output aside
 * ({@code .<name>.deepfer-previous}), moves the new one in, then deletes the previous one; a driver
 * killed in between leaves the previous output aside, and the next run puts it back before it
 * starts. On HDFS and local disks the moves are metadata operations; on object stores (S3A) each is
 * a copy, so a reader during the swap may see a partial folder.
 *
 * <p>The target must not be an input, nor hold one: the swap deletes what was there, and an
 * overwriting run with {@code --out} at (or above) the photos it read would delete them.
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

    static Path previousFor(Path target) {
        return new Path(target.getParent(), "." + target.getName() + ".deepfer-previous");
    }

    /**
     * Refuses an output folder that is one of {@code inputs} or holds one (globs are compared by
     * their folder part before the first wildcard), naming both.
     */
    static void refuseOverInputs(String target, java.util.List<String> inputs, Configuration conf) throws IOException {
        Path out = qualified(target, conf);
        for (String input : inputs) {
            Path in = qualified(withoutGlob(input), conf);
            for (Path p = in; p != null; p = p.getParent()) {
                if (p.equals(out)) {
                    boolean same = in.equals(out) && withoutGlob(input).equals(input);
                    throw new IllegalArgumentException("--out " + target + (same ? " is" : " holds")
                            + " the input " + input + ": writing there would replace it; choose another folder");
                }
            }
        }
    }

    /** The part of a path before its first glob character, cut back to a whole folder name. */
    static String withoutGlob(String path) {
        int glob = -1;
        for (int i = 0; i < path.length() && glob < 0; i++) {
            if ("*?[{".indexOf(path.charAt(i)) >= 0) {
                glob = i;
            }
        }
        if (glob < 0) {
            return path;
        }
        int slash = path.lastIndexOf('/', glob);
        return slash < 0 ? "." : slash == 0 ? "/" : path.substring(0, slash);
    }

    private static Path qualified(String path, Configuration conf) throws IOException {
        Path p = new Path(path);
        return p.getFileSystem(conf).makeQualified(p);
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
        Path previous = previousFor(qualified);
        if (!fs.exists(qualified) && fs.exists(previous) && !fs.rename(previous, qualified)) {
            throw new IOException("a killed run left the previous output in " + previous
                    + " and it cannot be put back at " + qualified);
        }
        fs.delete(previous, true);
        fs.delete(staging, true); // a killed run's rows must not survive into this output
        try {
            writer.writeTo(staging.toString());
        } catch (Throwable t) {
            // Throwable: Spark's DataFrameWriter.save is Scala and throws SparkException (a checked
            // exception) for a failed job without declaring it
            fs.delete(staging, true);
            throw t;
        }
        boolean hadOutput = fs.exists(qualified);
        if (hadOutput && !fs.rename(qualified, previous)) {
            throw new IOException("cannot move the previous output " + qualified + " aside; the new one is in " + staging);
        }
        if (!fs.rename(staging, qualified)) {
            if (hadOutput) {
                fs.rename(previous, qualified);
            }
            throw new IOException("cannot move the output from " + staging + " to " + qualified);
        }
        if (hadOutput) {
            fs.delete(previous, true);
        }
    }
}
