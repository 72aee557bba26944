package dev.deepfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deepfer train} over an existing run directory: without and with {@code --resume}. */
class TrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void aRunDirectoryThatHoldsARunNeedsResume() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("last.ckpt"), "a checkpoint");
        MainTest.Run r = MainTest.run("train", "--arch", "multiscale-cnn", "--data", MainTest.tinyCsv(dir).toString(),
                "--out", run.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(run + " already holds a run", "--resume");
        assertThat(run.resolve("config.json")).doesNotExist();
    }
}
