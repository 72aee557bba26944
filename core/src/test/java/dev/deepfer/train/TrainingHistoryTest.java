package dev.deepfer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingHistoryTest {
    @TempDir
    Path dir;

    @Test
    void keepsTheLastLineOfEachEpochInOrderWithTheReportedKeysOnly() throws IOException {
        Path log = Files.writeString(dir.resolve("metrics.jsonl"), """
                {"type":"epoch","epoch":1,"train_loss":2.0,"val_accuracy":0.3,"epoch_seconds":100,"step":448}
                {"type":"stop","reason":"killed"}
                {"type":"epoch","epoch":2,"train_loss":1.5,"val_accuracy":0.4,"epoch_seconds":120}

                {"type":"epoch","epoch":2,"train_loss":1.4,"val_accuracy":0.45,"epoch_seconds":130}
                """);

        ArrayNode history = TrainingHistory.read(log);

        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("epoch").asInt()).isEqualTo(1);
        assertThat(history.get(0).has("step")).as("not a reported key").isFalse();
        assertThat(history.get(1).path("train_loss").asDouble()).as("the resumed run's line wins").isEqualTo(1.4);
        assertThat(TrainingHistory.wallSeconds(history)).isEqualTo(230.0);
    }

    @Test
    void cpuSecondsUseEachEpochsRecordedThreadsAndTheAssumedCountOnlyWhereMissing() throws IOException {
        Path log = Files.writeString(dir.resolve("metrics.jsonl"), """
                {"type":"epoch","epoch":1,"epoch_seconds":100,"threads":1}
                {"type":"epoch","epoch":2,"epoch_seconds":50,"threads":2}
                {"type":"epoch","epoch":3,"epoch_seconds":10}
                """);

        ArrayNode history = TrainingHistory.read(log);

        assertThat(history.get(1).path("threads").asInt()).as("kept in the bundle's history").isEqualTo(2);
        assertThat(TrainingHistory.cpuSeconds(history, 4)).isEqualTo(100 + 100 + 40.0);
        assertThat(TrainingHistory.epochsWithoutThreads(history)).isEqualTo(1);
    }

    @Test
    void aMeasuredProcessCpuTimeWinsOverWallTimeTimesThreads() throws IOException {
        Path log = Files.writeString(dir.resolve("metrics.jsonl"), """
                {"type":"epoch","epoch":1,"epoch_seconds":100,"threads":2,"cpu_seconds":150}
                {"type":"epoch","epoch":2,"epoch_seconds":2500,"threads":2,"cpu_seconds":290.5}
                {"type":"epoch","epoch":3,"epoch_seconds":50,"threads":2}
                """);

        ArrayNode history = TrainingHistory.read(log);

        assertThat(history.get(1).path("cpu_seconds").asDouble()).as("kept in the bundle's history").isEqualTo(290.5);
        assertThat(TrainingHistory.cpuSeconds(history, 4)).as("a paused epoch counts only the CPU it used")
                .isEqualTo(150 + 290.5 + 100.0);
        assertThat(TrainingHistory.summarise(history, 4).cpuHours()).isEqualTo(540.5 / 3600);
    }

    @Test
    void aLineThatIsNotJsonIsNamedWithFileAndLine() throws IOException {
        Path log = Files.writeString(dir.resolve("metrics.jsonl"), "{\"type\":\"epoch\",\"epoch\":1}\n{oops\n");

        assertThatThrownBy(() -> TrainingHistory.read(log)).isInstanceOf(IOException.class)
                .hasMessageContaining("metrics.jsonl:2");
    }

    @Test
    void loadsFromARunDirectoryAMetricsFileOrABundleManifest() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("metrics.jsonl"), """
                {"type":"epoch","epoch":1,"val_accuracy":0.3}
                {"type":"epoch","epoch":2,"val_accuracy":0.4}
                """);
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Files.writeString(bundle.resolve("manifest.json"), """
                {"name":"b","training":{"history":[{"epoch":1,"val_accuracy":0.5}]}}
                """);

        assertThat(TrainingHistory.load(run)).hasSize(2);
        assertThat(TrainingHistory.load(run.resolve("metrics.jsonl")).get(1).path("val_accuracy").asDouble())
                .isEqualTo(0.4);
        assertThat(TrainingHistory.load(bundle).get(0).path("val_accuracy").asDouble()).isEqualTo(0.5);
    }

    @Test
    void loadSaysWhatIsMissing() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> TrainingHistory.load(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither a training run (metrics.jsonl) nor a model bundle");
        Path ensemble = Files.createDirectories(dir.resolve("ensemble"));
        Files.writeString(ensemble.resolve("manifest.json"), "{\"name\":\"e\",\"members\":[]}");
        assertThatThrownBy(() -> TrainingHistory.load(ensemble)).hasMessageContaining("keeps no training history");
    }

    @Test
    void summaryHasTheFirstBestEpochTheLastEpochAndTheHours() throws IOException {
        Path log = Files.writeString(dir.resolve("metrics.jsonl"), """
                {"type":"epoch","epoch":1,"train_accuracy":0.4,"val_accuracy":0.30,"epoch_seconds":1800,"threads":2}
                {"type":"epoch","epoch":2,"train_accuracy":0.5,"val_accuracy":0.45,"epoch_seconds":1800,"threads":2}
                {"type":"epoch","epoch":3,"train_accuracy":0.6,"val_accuracy":0.45,"epoch_seconds":1800}
                {"type":"epoch","epoch":4,"train_accuracy":0.7,"val_accuracy":null,"epoch_seconds":1800,"threads":1}
                """);

        TrainingHistory.Summary s = TrainingHistory.summarise(TrainingHistory.read(log), 4);

        assertThat(s).isEqualTo(new TrainingHistory.Summary(4, 2, 0.45, Double.NaN, 0.7, 2.0, 4.5, 1));
        assertThatThrownBy(() -> TrainingHistory.summarise(TrainingHistory.read(
                Files.writeString(dir.resolve("none.jsonl"), "")), 2)).hasMessageContaining("no epochs");
    }
}
