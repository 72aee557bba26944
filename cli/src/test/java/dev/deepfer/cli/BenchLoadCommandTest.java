package dev.deepfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.deepfer.infer.RecognitionResult;
import dev.deepfer.server.DeepferServer;
import dev.deepfer.server.Recognizer;
import dev.deepfer.server.ServerConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load benchmark against a real server with a stand-in recogniser (no model needed). */
class BenchLoadCommandTest {
    @TempDir
    Path dir;

    /** Counts calls and the mode and size of what it was sent. */
    static final class Counting implements Recognizer {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public RecognitionResult recognize(byte[] encoded, String name, Mode mode) {
            seen.add(mode + ":" + encoded.length);
            return new RecognitionResult(name, 1, 1, List.of());
        }

        @Override
        public JsonNode manifest() {
            return JsonNodeFactory.instance.objectNode();
        }
    }

    private Path photo() throws Exception {
        BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Path p = dir.resolve("p.jpg");
        ImageIO.write(img, "jpg", p.toFile());
        return p;
    }

    private static String[] run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            code = Main.execute(args);
        } finally {
            System.setOut(old);
        }
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void sendsExactlyTheRequestsAskedForAndReportsPercentilesAndMemory() throws Exception {
        Counting fake = new Counting();
        try (DeepferServer server = DeepferServer.start(ServerConfig.defaults(0), fake)) {
            String[] r = run("bench", "load", "--url", server.uri().toString(), "--image", photo().toString(),
                    "--requests", "40", "--warmup", "3", "--concurrency", "4", "--mode", "live", "--width", "320");

            assertThat(r[0]).as(r[1]).isEqualTo("0");
            JsonNode report = new ObjectMapper().readTree(r[1]);
            assertThat(report.path("requests").asInt()).isEqualTo(40);
            assertThat(report.path("errors").asInt()).isZero();
            assertThat(report.path("statuses").path("200").asInt()).isEqualTo(40);
            assertThat(report.path("p50_ms").asDouble()).isPositive()
                    .isLessThanOrEqualTo(report.path("p95_ms").asDouble());
            assertThat(report.path("p99_ms").asDouble()).isLessThanOrEqualTo(report.path("max_ms").asDouble());
            assertThat(report.path("rss_after_mb").asLong()).isPositive();
            assertThat(fake.seen).hasSize(43).allMatch(s -> s.startsWith("LIVE:"));
            assertThat(report.path("body_bytes").asInt()).as("downscaled to 320 px before sending")
                    .isEqualTo(Integer.parseInt(fake.seen.get(0).substring(5)));
        }
    }

    @Test
    void refusedRequestsAreCountedAsErrorsWithExitCode3() throws Exception {
        try (DeepferServer server = DeepferServer.start(ServerConfig.defaults(0).withToken("t"), new Counting())) {
            String[] r = run("bench", "load", "--url", server.uri().toString(), "--image", photo().toString(),
                    "--requests", "5", "--warmup", "0", "--concurrency", "2");

            assertThat(r[0]).isEqualTo("3");
            assertThat(new ObjectMapper().readTree(r[1]).path("statuses").path("401").asInt()).isEqualTo(5);
        }
    }

    @Test
    void onlyLoopbackServersCanBeLoaded() throws Exception {
        assertThat(run("bench", "load", "--url", "http://10.1.2.3:8080/", "--image", photo().toString())[0])
                .isEqualTo("2");
    }

    @Test
    void percentilesUseTheNearestRank() {
        long[] ms = new long[100];
        for (int i = 0; i < 100; i++) {
            ms[i] = (i + 1) * 1_000_000L;
        }
        assertThat(BenchLoadCommand.Stats.percentile(ms, 0.5)).isEqualTo(50.0);
        assertThat(BenchLoadCommand.Stats.percentile(ms, 0.95)).isEqualTo(95.0);
        assertThat(BenchLoadCommand.Stats.percentile(ms, 0.99)).isEqualTo(99.0);
        assertThat(BenchLoadCommand.Stats.percentile(new long[] {7_000_000L}, 0.99)).isEqualTo(7.0);
    }
}
