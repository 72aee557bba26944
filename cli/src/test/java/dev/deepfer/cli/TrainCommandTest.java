package dev.deepfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deepfer.model.Architecture;
import dev.deepfer.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** A run directory holding the config of a one-epoch multi-scale run on {@code csv}, as train writes it. */
    private Path savedRun(Path csv) throws IOException {
        TrainConfig.Builder b = TrainConfig.defaults(Architecture.MULTISCALE_CNN, csv.toString()).toBuilder();
        b.epochs = 1;
        b.batchSize = 16;
        b.warmupEpochs = 0;
        b.inputSize = 44;
        b.seed = 5;
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("config.json"), b.build().toJson());
        return run;
    }

    @Test
    void resumeRefusesOptionsThatWouldChangeTheSavedConfig() throws IOException {
        Path csv = MainTest.sixteenFaceCsv(dir);
        Path run = savedRun(csv);
        String config = Files.readString(run.resolve("config.json"));

        MainTest.Run r = MainTest.run("train", "--out", run.toString(), "--resume", "--data", csv.toString(),
                "--epochs", "3", "--lr", "0.01", "--seed", "5", "--arch", "resnet18", "--smoothing", "0.3");

        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--epochs, --lr, --arch, --smoothing would change it",
                "--resume continues the saved run in " + run + " unchanged").doesNotContain("--seed", "--data");
        assertThat(run.resolve("config.json")).hasContent(config);
        assertThat(run.resolve("metrics.jsonl")).doesNotExist();
    }

    /** The options of the first run given again, and options that do not shape the config, are accepted. */
    @Test
    void resumeAcceptsTheSavedValuesAgain() throws IOException {
        Path csv = MainTest.sixteenFaceCsv(dir);
        Path run = savedRun(csv);
        String config = Files.readString(run.resolve("config.json"));
        Path bundle = dir.resolve("bundle");

        MainTest.Run r = MainTest.run("train", "--out", run.toString(), "--resume", "--data", csv.toString(),
                "--arch", "multiscale-cnn", "--epochs", "1", "--batch", "16", "--warmup", "0", "--input-size", "44",
                "--seed", "5", "--loss", "focal+smoothing", "--no-teacher", "--bundle", bundle.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(run.resolve("config.json")).hasContent(config);
        assertThat(bundle.resolve("manifest.json")).isRegularFile();
    }

    /** --recipe on --resume: accepted when the command line builds the saved config, else named. */
    @Test
    void resumeWithARecipeChecksWhatTheRecipeAndOptionsBuild() throws IOException {
        Path csv = MainTest.sixteenFaceCsv(dir);
        Path recipe = savedRun(csv);
        Path run = dir.resolve("again");
        String[] first = {"train", "--recipe", recipe.toString(), "--data", csv.toString(), "--out", run.toString(),
            "--seed", "6"};
        assertThat(MainTest.run(first).code()).isZero();
        List<String> again = new ArrayList<>(List.of(first));
        again.add("--resume");
        MainTest.Run same = MainTest.run(again.toArray(String[]::new));
        assertThat(same.code()).as(same.err()).isZero();

        MainTest.Run other = MainTest.run("train", "--recipe", recipe.toString(), "--data", csv.toString(),
                "--out", run.toString(), "--resume");
        assertThat(other.code()).as(other.err()).isEqualTo(2);
        assertThat(other.err()).contains("--recipe would change it");
    }
}
