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

    /** A killed run's staging folder holds rows this run does not write (a partition it has no rows for). */
    @Test
    void aKilledRunsLeftoverRowsAreNotSwappedIn() throws IOException {
        Path out = previousOutput();
        Path leftover = tmp.resolve(".faces.parquet.deepfer-staging/emotion=disgust");
        Files.createDirectories(leftover);
        Files.writeString(leftover.resolve("part-0.parquet"), "a killed run's rows");
        StagedOutput.overwrite(out.toString(), HADOOP, folder -> {
            Path happy = Path.of(java.net.URI.create(folder)).resolve("emotion=happy");
            Files.createDirectories(happy); // as Spark's dynamic partition overwrite would: only its own partitions
            Files.writeString(happy.resolve("part-0.parquet"), "the new rows");
        });
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("emotion=happy");
        }
    }

    /** A driver killed between moving the previous output aside and moving the new one in. */
    @Test
    void thePreviousOutputSetAsideByAKilledRunIsPutBack() throws IOException {
        Path out = previousOutput();
        Files.move(out, tmp.resolve(".faces.parquet.deepfer-previous"));
        assertThatThrownBy(() -> StagedOutput.overwrite(out.toString(), HADOOP, folder -> {
            throw new IllegalStateException("executor lost");
        })).hasMessage("executor lost");
        assertThat(out.resolve("part-0.parquet")).as("back in place, and kept by the failed run")
                .hasContent("the previous run's rows");
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("faces.parquet");
        }
    }

    @Test
    void anOutputThatIsOrHoldsAnInputIsRefused() throws IOException {
        Path photos = Files.createDirectories(tmp.resolve("photos/2024"));
        java.util.List<String> inputs = java.util.List.of(photos.toString());
        assertThatThrownBy(() -> StagedOutput.refuseOverInputs(photos.toString(), inputs, HADOOP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is the input");
        assertThatThrownBy(() -> StagedOutput.refuseOverInputs(tmp.resolve("photos").toString(), inputs, HADOOP))
                .hasMessageContaining("holds the input");
        assertThatThrownBy(() -> StagedOutput.refuseOverInputs("file:" + tmp.resolve("photos/"), inputs, HADOOP))
                .as("the same folder written another way").hasMessageContaining("holds the input");
        assertThatThrownBy(() -> StagedOutput.refuseOverInputs(tmp.resolve("photos").toString(),
                java.util.List.of(tmp.resolve("photos/*/img_*.jpg").toString()), HADOOP))
                .as("a glob below it").hasMessageContaining("holds the input");
        // beside or below an input is allowed
        StagedOutput.refuseOverInputs(tmp.resolve("faces").toString(), inputs, HADOOP);
        StagedOutput.refuseOverInputs(photos.resolve("faces.parquet").toString(), inputs, HADOOP);
        assertThat(StagedOutput.withoutGlob("/a/b*/c.jpg")).isEqualTo("/a");
        assertThat(StagedOutput.withoutGlob("/a/b/c.jpg")).isEqualTo("/a/b/c.jpg");
        assertThat(StagedOutput.withoutGlob("*.jpg")).as("the current folder").isEqualTo(".");
        assertThat(StagedOutput.withoutGlob("/*.jpg")).isEqualTo("/");
    }
}
