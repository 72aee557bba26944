package dev.deepfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deepfer train} over an existing run directory: without and with {@code --resume}. */
class TrainCommandTest {
    @TempDir
    Path dir;

    /** The saved run being resumed ({@link TrainRecipeCommandTest#recipeRun}), its config and this machine's data. */
    private Path run;
    private String config;
    private Path csv;

    @BeforeEach
    void savedRun() throws IOException {
        run = TrainRecipeCommandTest.recipeRun(dir, null);
        config = Files.readString(run.resolve("config.json"));
        csv = MainTest.sixteenFaceCsv(dir);
    }

    @Test
    void aRunDirectoryThatHoldsARunNeedsResume() throws IOException {
        Files.writeString(run.resolve("last.ckpt"), "a checkpoint");
        MainTest.Run r = MainTest.run("train", "--arch", "multiscale-cnn", "--data", csv.toString(),
                "--out", run.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(run + " already holds a run", "--resume");
        assertThat(run.resolve("config.json")).hasContent(config);
    }

    /** {@code train --out <run> --resume --data <csv>} and {@code options}. */
    private MainTest.Run resume(String... options) {
        List<String> args = new ArrayList<>(List.of("train", "--out", run.toString(), "--resume", "--data",
                csv.toString()));
        args.addAll(List.of(options));
        return MainTest.run(args.toArray(String[]::new));
    }

    @Test
    void resumeRefusesOptionsThatWouldChangeTheSavedConfig() throws IOException {
        MainTest.Run r = resume("--epochs", "3", "--lr", "0.01", "--seed", "9", "--arch", "resnet18",
                "--smoothing", "0.3");

        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--epochs, --lr, --arch, --smoothing would change it",
                "--resume continues the saved run in " + run + " unchanged").doesNotContain("--seed", "--data");
        assertThat(run.resolve("config.json")).hasContent(config);
        assertThat(run.resolve("metrics.jsonl")).doesNotExist();
    }

    /**
     * The options of the first run given again, and options that do not shape the config (--data, here
     * another path than the saved one, and --bundle), are accepted.
     */
    @Test
    void resumeAcceptsTheSavedValuesAgain() throws IOException {
        Path bundle = dir.resolve("bundle");
        MainTest.Run r = resume("--arch", "multiscale-cnn", "--epochs", "5", "--batch", "16", "--warmup", "0",
                "--seed", "9", "--loss", "ce", "--no-teacher", "--bundle", bundle.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(run.resolve("config.json")).hasContent(config);
        assertThat(bundle.resolve("manifest.json")).isRegularFile();
    }

    /**
     * {@code train --keep-epoch-weights} keeps each epoch's parameters; {@code bundle --average-last}
     * averages the last ones into a bundle that records them and loads; impossible requests are
     * exit 2 with the reason, before anything is written.
     */
    @Test
    void bundleAveragesTheLastEpochsARunKept() throws IOException {
        Path kept = dir.resolve("kept");
        MainTest.Run t = MainTest.run("train", "--recipe", run.toString(), "--data", csv.toString(), "--out",
                kept.toString(), "--epochs", "3", "--keep-epoch-weights");
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(Files.mismatch(kept.resolve("epoch-01.params"), kept.resolve("epoch-03.params")))
                .as("two epochs' parameters").isNotNegative();

        Path bundle = dir.resolve("averaged");
        MainTest.Run b = MainTest.run("bundle", "--run", kept.toString(), "--average-last", "2", "--bn-batches", "5",
                "--data", csv.toString(), "--out", bundle.toString());
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.err()).contains("averaged 2 weight files, batch-norm statistics from 16 training images");
        com.fasterxml.jackson.databind.JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(bundle.resolve("manifest.json").toFile());
        assertThat(manifest.at("/training/weight_averaging/sources").toString())
                .isEqualTo("[\"epoch-02.params\",\"epoch-03.params\"]");
        assertThat(manifest.at("/training/weight_averaging/batch_norm_images").asInt()).isEqualTo(16);
        assertThat(manifest.at("/metrics/averaged").size()).isEqualTo(2);
        MainTest.Run e = MainTest.run("evaluate", "--model", bundle.toString(), "--data", csv.toString(), "--json");
        assertThat(e.code()).as(e.err()).isZero();

        Path never = dir.resolve("never");
        Map<String, List<String>> refused = new LinkedHashMap<>();
        refused.put("--average-last must be 1..3 (the epochs the run completed), got 4", List.of("--average-last", "4"));
        refused.put("--average-last must be 1..3", List.of("--average-last", "0"));
        refused.put("--average and --average-last exclude each other", List.of("--average-last", "2", "--average",
                kept.resolve("epoch-01.params").toString()));
        refused.put("no weights file " + kept.resolve("epoch-09.params"), List.of("--average",
                kept.resolve("epoch-09.params").toString()));
        refused.put("--bn-batches measures averaged weights", List.of("--bn-batches", "3"));
        refused.put("--bn-batches must be at least 1, got 0", List.of("--average-last", "2", "--bn-batches", "0"));
        refused.put("--fp16 contradicts --precision int8", List.of("--average-last", "2", "--fp16", "--precision",
                "int8"));
        for (Map.Entry<String, List<String>> bad : refused.entrySet()) {
            List<String> args = new ArrayList<>(List.of("bundle", "--run", kept.toString(), "--data", csv.toString(),
                    "--out", never.toString()));
            args.addAll(bad.getValue());
            MainTest.Run r = MainTest.run(args.toArray(String[]::new));
            assertThat(r.code()).as(bad.getValue() + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(bad.getValue().toString()).contains(bad.getKey());
        }
        Files.delete(kept.resolve("epoch-02.params"));
        MainTest.Run missing = MainTest.run("bundle", "--run", kept.toString(), "--average-last", "2", "--data",
                csv.toString(), "--out", never.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("did not keep epoch 2's parameters", "--keep-epoch-weights");
        assertThat(never).doesNotExist();
    }

    /** --recipe on --resume: accepted when the command line builds the saved config, else named. */
    @Test
    void resumeWithARecipeChecksWhatTheRecipeAndOptionsBuild() throws IOException {
        Path again = dir.resolve("again");
        String[] first = {"train", "--recipe", run.toString(), "--data", csv.toString(), "--out", again.toString(),
            "--seed", "6", "--epochs", "1"};
        assertThat(MainTest.run(first).code()).isZero();
        List<String> resumed = new ArrayList<>(List.of(first));
        resumed.add("--resume");
        MainTest.Run same = MainTest.run(resumed.toArray(String[]::new));
        assertThat(same.code()).as(same.err()).isZero();

        MainTest.Run other = MainTest.run("train", "--recipe", run.toString(), "--data", csv.toString(),
                "--out", again.toString(), "--resume", "--epochs", "1");
        assertThat(other.code()).as(other.err()).isEqualTo(2);
        assertThat(other.err()).contains("--recipe would change it");
    }
}
