package dev.deepfer.cli;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deepfer bench load}: a bounded load test of a running {@code deepfer serve} on this
 * machine — N recognise requests at a fixed concurrency with one photo, then the latency
 * percentiles, the throughput, the status counts and the server's resident memory (from its
 * {@code /metrics}) before and after. Loopback only: it refuses any other host, so it cannot be
 * pointed at someone else's server. With {@code --mode live --width 320 --concurrency 1} it is the
 * web UI's webcam loop (one frame in flight), and the throughput is live mode's frames/s.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load-test a local deepfer server (loopback only): latency percentiles, throughput, RSS growth.")
public final class BenchLoadCommand implements Callable<Integer> {
    private static final Pattern RSS = Pattern.compile("(?m)^process_resident_memory_bytes (\\d+)$");

    @Option(names = "--url", description = "The server (default: ${DEFAULT-VALUE}).")
    URI url = URI.create("http://127.0.0.1:8080/");
    @Option(names = "--image", required = true, description = "The photo every request sends.")
    Path image;
    @Option(names = "--requests", description = "Measured requests (default: ${DEFAULT-VALUE}).")
    int requests = 2000;
    @Option(names = "--warmup", description = "Unmeasured requests first (default: ${DEFAULT-VALUE}).")
    int warmup = 50;
    @Option(names = "--concurrency", description = "Requests in flight (default: ${DEFAULT-VALUE}).")
    int concurrency = 8;
    @Option(names = "--mode", description = "photo or live (the server's detector settings; default: ${DEFAULT-VALUE}).")
    String mode = "photo";
    @Option(names = "--width", description = "Downscale the photo to this width first, as the webcam UI does (0 = as is).")
    int width;
    @Option(names = "--token", description = "Bearer token (default: $DEEPFER_TOKEN).")
    String token = System.getenv("DEEPFER_TOKEN");

    @Override
    public Integer call() throws Exception {
        if (requests < 1 || concurrency < 1 || warmup < 0) {
            throw new IllegalArgumentException("--requests and --concurrency must be positive, --warmup not negative");
        }
        if (url.getHost() == null || !InetAddress.getByName(url.getHost()).isLoopbackAddress()) {
            throw new IllegalArgumentException("bench load only targets this machine (loopback), not " + url.getHost());
        }
        byte[] body = width > 0 ? downscaled(image, width) : Files.readAllBytes(image);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(concurrency, BenchLoadCommand::daemon)).build();
        OptionalLong rssStart = rss(client);
        run(client, body, warmup, null);
        OptionalLong rssBefore = rss(client);
        Stats stats = new Stats(requests);
        long t0 = System.nanoTime();
        run(client, body, requests, stats);
        double seconds = (System.nanoTime() - t0) / 1e9;
        OptionalLong rssAfter = rss(client);
        System.out.println(stats.report(seconds, body.length, rssStart, rssBefore, rssAfter));
        return stats.errors() == 0 ? 0 : 3;
    }

    private void run(HttpClient client, byte[] body, int n, Stats stats) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, BenchLoadCommand::daemon);
        for (int w = 0; w < concurrency; w++) {
            workers.execute(() -> {
                while (next.getAndIncrement() < n) {
                    long start = System.nanoTime();
                    int status;
                    try {
                        status = client.send(recognize(body), HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (IOException e) {
                        status = -1;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    if (stats != null) {
                        stats.add(status, System.nanoTime() - start);
                    }
                }
            });
        }
        workers.shutdown();
        workers.awaitTermination(1, TimeUnit.HOURS);
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "bench-load");
        t.setDaemon(true);
        return t;
    }

    private HttpRequest recognize(byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url.resolve("api/v1/recognize?mode=" + mode))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return withToken(b).build();
    }

    private HttpRequest.Builder withToken(HttpRequest.Builder b) {
        return token == null || token.isBlank() ? b : b.header("Authorization", "Bearer " + token);
    }

    private OptionalLong rss(HttpClient client) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(withToken(HttpRequest.newBuilder(url.resolve("metrics"))).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = RSS.matcher(r.body());
        return r.statusCode() == 200 && m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /** The photo shrunk to {@code w} pixels wide and re-encoded as JPEG, like a webcam frame. */
    static byte[] downscaled(Path photo, int w) throws IOException {
        BufferedImage src = ImageIO.read(photo.toFile());
        if (src == null) {
            throw new IllegalArgumentException(photo + " is not an image ImageIO can read");
        }
        int h = Math.max(1, Math.round((float) src.getHeight() * w / src.getWidth()));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "jpg", bytes);
        return bytes.toByteArray();
    }

    /** Latencies and status counts of the measured requests. */
    static final class Stats {
        private final long[] nanos;
        private final AtomicInteger count = new AtomicInteger();
        private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

        Stats(int n) {
            nanos = new long[n];
        }

        void add(int status, long latency) {
            int i = count.getAndIncrement();
            if (i < nanos.length) {
                nanos[i] = latency;
            }
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        }

        long errors() {
            return statuses.entrySet().stream().filter(e -> e.getKey() != 200).mapToLong(e -> e.getValue().sum()).sum();
        }

        /** Nearest-rank percentile in milliseconds. */
        static double percentile(long[] sorted, double q) {
            int rank = (int) Math.ceil(q * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
        }

        String report(double seconds, int bodyBytes, OptionalLong rssStart, OptionalLong rssBefore, OptionalLong rssAfter) {
            long[] sorted = Arrays.copyOf(nanos, Math.min(count.get(), nanos.length));
            Arrays.sort(sorted);
            Map<String, Long> byStatus = new TreeMap<>();
            statuses.forEach((s, n) -> byStatus.put(s < 0 ? "io_error" : Integer.toString(s), n.sum()));
            String statusJson = byStatus.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                    .collect(Collectors.joining(", ", "{", "}"));
            String growth = rssBefore.isPresent() && rssAfter.isPresent()
                    ? String.format(Locale.ROOT, "%.1f", 100.0 * (rssAfter.getAsLong() - rssBefore.getAsLong())
                            / rssBefore.getAsLong()) : "null";
            return String.format(Locale.ROOT, "{\"requests\": %d, \"body_bytes\": %d, \"errors\": %d, \"statuses\": %s, "
                            + "\"seconds\": %.1f, \"requests_per_s\": %.2f, \"p50_ms\": %.1f, \"p95_ms\": %.1f, "
                            + "\"p99_ms\": %.1f, \"max_ms\": %.1f, \"rss_start_mb\": %s, \"rss_after_warmup_mb\": %s, "
                            + "\"rss_after_mb\": %s, \"rss_growth_pct\": %s}",
                    sorted.length, bodyBytes, errors(), statusJson, seconds,
                    sorted.length / seconds, percentile(sorted, 0.5), percentile(sorted, 0.95),
                    percentile(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                    mb(rssStart), mb(rssBefore), mb(rssAfter), growth);
        }

        private static String mb(OptionalLong bytes) {
            return bytes.isPresent() ? Long.toString(bytes.getAsLong() >> 20) : "null";
        }
    }
}
