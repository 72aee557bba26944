package dev.deepfer.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An overwriting job's output replaces the previous one only when the job succeeded. */
class StagedOutputTest {
    private static final Configuration HADOOP = new Configuration();

    @TempDir
    Path tmp;

    private Path previousOutput() throws IOException {
        Path out = tmp.resolve("faces.parquet");
        Files.createDirectories(out);
        Files.writeString(out.resolve("part-0.parquet"), "the previous run's rows");
        return out;
    }

    @Test
    void aFailedJobLeavesThePreviousOutputAndNoStagingFolder() throws IOException {
        Path out = previousOutput();
        assertThatThrownBy(() -> StagedOutput.overwrite(out.toString(), HADOOP, folder -> {
            Path staging = Path.of(java.net.URI.create(folder));
            Files.createDirectories(staging);
            Files.writeString(staging.resolve("part-0.parquet"), "half of the new rows");
            throw new IllegalStateException("executor lost");
        })).hasMessage("executor lost");
        assertThat(out.resolve("part-0.parquet")).hasContent("the previous run's rows");
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("faces.parquet");
        }
    }

    /** Spark's failed job arrives as a checked exception that save() does not declare (Scala). */
    @Test
    void anUndeclaredCheckedFailureAlsoRemovesTheStagingFolder() throws IOException {
        Path out = previousOutput();
        assertThatThrownBy(() -> StagedOutput.overwrite(out.toString(), HADOOP, folder -> {
            Files.createDirectories(Path.of(java.net.URI.create(folder)));
            throw StagedOutputTest.<RuntimeException>undeclared(new Exception("Job aborted: task failed"));
        })).isInstanceOf(Exception.class).isNotInstanceOf(RuntimeException.class).hasMessageContaining("Job aborted");
        assertThat(out.resolve("part-0.parquet")).hasContent("the previous run's rows");
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("faces.parquet");
        }
    }

    /** Throws {@code t} without declaring it, as Scala code does. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T undeclared(Throwable t) throws T {
        throw (T) t;
    }

    @Test
    void aSuccessfulJobReplacesThePreviousOutputWhole() throws IOException {
        Path out = previousOutput();
        Files.writeString(out.resolve("part-1.parquet"), "a file the new run does not write");
        StagedOutput.overwrite(out.toString(), HADOOP, folder -> {
            Path staging = Path.of(java.net.URI.create(folder));
            assertThat(staging.getFileName().toString()).isEqualTo(".faces.parquet.deepfer-staging");
            assertThat(out.resolve("part-0.parquet")).as("untouched while the job runs").exists();
            Files.createDirectories(staging);
            Files.writeString(staging.resolve("part-0.parquet"), "the new rows");
        });
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("part-0.parquet");
        }
        assertThat(out.resolve("part-0.parquet")).hasContent("the new rows");
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("faces.parquet");
        }
    }

    @Test
    void aFirstRunCreatesTheOutput() throws IOException {
        Path out = tmp.resolve("new/faces.json");
        Files.createDirectories(out.getParent());
        StagedOutput.overwrite(out.toString(), HADOOP, folder -> {
            Path staging = Path.of(java.net.URI.create(folder));
            Files.createDirectories(staging);
            Files.writeString(staging.resolve("part-0.json"), "{}");
        });
        assertThat(out.resolve("part-0.json")).hasContent("{}");
    }
}
