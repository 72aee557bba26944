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
    void aLineThatIsNotJsonIsNamedWithFileAndLine() throws IOException {
        Path log = Files.writeString(dir.resolve("metrics.jsonl"), "{\"type\":\"epoch\",\"epoch\":1}\n{oops\n");

        assertThatThrownBy(() -> TrainingHistory.read(log)).isInstanceOf(IOException.class)
                .hasMessageContaining("metrics.jsonl:2");
    }
}
