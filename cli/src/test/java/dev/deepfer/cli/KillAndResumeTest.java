package dev.deepfer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deepfer.data.Fer2013Csv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code deepfer train} process is killed with SIGKILL right after its first checkpoint;
 * {@code --resume} continues at the next epoch and the run ends with one metrics line per epoch.
 */
class KillAndResumeTest {
    private static final int EPOCHS = 4;

    @TempDir
    Path dir;

    /** A FER2013-layout CSV whose class is the position of a bright patch. */
    private Path syntheticCsv() throws IOException {
        Random rng = new Random(3);
        List<String> lines = new ArrayList<>();
        lines.add(Fer2013Csv.HEADER);
        String[] usage = {"Training", "PublicTest", "PrivateTest"};
        int[] perClass = {20, 3, 3};
        for (int u = 0; u < usage.length; u++) {
            for (int n = 0; n < perClass[u] * 7; n++) {
                int c = n % 7;
                StringBuilder px = new StringBuilder();
                for (int i = 0; i < Fer2013Csv.PIXELS; i++) {
                    int y = i / 48;
                    int x = i % 48;
                    boolean patch = y / 16 == c / 3 && x / 16 == c % 3;
                    px.append(i == 0 ? "" : " ").append((patch ? 200 : 40) + rng.nextInt(30));
                }
                lines.add(c + "," + px + "," + usage[u]);
            }
        }
        return Files.write(dir.resolve("synthetic.csv"), lines);
    }

    private List<String> trainArgs(Path csv, Path run) {
        return List.of("train", "--data", csv.toString(), "--arch", "multiscale-cnn", "--out", run.toString(),
                "--epochs", Integer.toString(EPOCHS), "--batch", "16", "--warmup", "1", "--augment", "none",
                "--input-size", "44");
    }

    @Test
    void aKilledTrainingProcessResumesAtTheNextEpoch() throws Exception {
        Path csv = syntheticCsv();
        Path run = dir.resolve("run");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(trainArgs(csv, run));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("first.log").toFile())
                .start();
        Path checkpoint = run.resolve("last.ckpt");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(checkpoint) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(Files.exists(checkpoint)).as("checkpoint written before the kill; log:%n%s",
                Files.exists(dir.resolve("first.log")) ? Files.readString(dir.resolve("first.log")) : "").isTrue();
        int done = Files.readAllLines(run.resolve("metrics.jsonl")).size();
        assertThat(done).isBetween(1, EPOCHS - 1);

        List<String> resume = new ArrayList<>(trainArgs(csv, run));
        resume.add("--resume");
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(e);
            code = Main.execute(resume.toArray(String[]::new));
        } finally {
            System.setErr(oldErr);
        }
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("resuming " + run + " at epoch " + (done + 1) + ", step " + done * (140 / 16));
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertThat(lines).hasSize(EPOCHS);
        for (int i = 0; i < EPOCHS; i++) {
            assertThat(json.readTree(lines.get(i)).get("epoch").asInt()).isEqualTo(i + 1);
            assertThat(json.readTree(lines.get(i)).get("step").asLong()).isEqualTo((i + 1L) * (140 / 16));
        }
        assertThat(Files.list(run).map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
}
