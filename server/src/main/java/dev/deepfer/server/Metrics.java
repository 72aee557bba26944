package dev.deepfer.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counters and latencies in the Prometheus text format (version 0.0.4), hand-written: a
 * few counters do not justify a client library. Endpoints are the server's fixed route names (never
 * the raw request path, so a scanner cannot grow the label set). Latency quantiles are computed over
 * the last {@value #WINDOW} requests of each endpoint.
 */
final class Metrics {
    static final int WINDOW = 1024;
    private static final double[] QUANTILES = {0.5, 0.9, 0.99};

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, Latency> latencies = new ConcurrentHashMap<>();

    void record(String endpoint, int status, long nanos) {
        counts.computeIfAbsent(endpoint + '\u0000' + status, k -> new LongAdder()).increment();
        latencies.computeIfAbsent(endpoint, k -> new Latency()).add(nanos / 1e9);
    }

    /** The exposition text, with the work queue's and the model's gauges. */
    String render(WorkQueue queue, boolean modelReady) {
        StringBuilder out = new StringBuilder(2048);
        out.append("# HELP deepfer_http_requests_total HTTP requests by endpoint and status.\n")
                .append("# TYPE deepfer_http_requests_total counter\n");
        new TreeMap<>(counts).forEach((key, n) -> {
            String[] parts = key.split("\u0000");
            out.append(String.format(Locale.ROOT, "deepfer_http_requests_total{endpoint=\"%s\",status=\"%s\"} %d%n",
                    parts[0], parts[1], n.sum()));
        });
        out.append("# HELP deepfer_http_request_duration_seconds Request latency by endpoint.\n")
                .append("# TYPE deepfer_http_request_duration_seconds summary\n");
        new TreeMap<>(latencies).forEach((endpoint, l) -> l.render(endpoint, out));
        gauge(out, "deepfer_queue_depth", "Recognitions waiting for a worker.", queue.waiting());
        gauge(out, "deepfer_recognitions_running", "Recognitions running now.", queue.running());
        gauge(out, "deepfer_queue_capacity", "Workers plus queue slots; requests beyond get 503.", queue.capacity());
        gauge(out, "deepfer_model_ready", "1 when the model is loaded.", modelReady ? 1 : 0);
        ResidentMemory.bytes().ifPresent(rss -> gauge(out, "process_resident_memory_bytes",
                "Resident memory of the server process (heap, native tensors, code).", rss));
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(value).append('\n');
    }

    /** Count, sum and a ring of the latest samples of one endpoint. */
    private static final class Latency {
        private final double[] ring = new double[WINDOW];
        private long count;
        private double sum;

        synchronized void add(double seconds) {
            ring[(int) (count % WINDOW)] = seconds;
            count++;
            sum += seconds;
        }

        synchronized void render(String endpoint, StringBuilder out) {
            double[] window = Arrays.copyOf(ring, (int) Math.min(count, WINDOW));
            Arrays.sort(window);
            for (double q : QUANTILES) {
                double v = window.length == 0 ? Double.NaN : window[(int) Math.min(window.length - 1,
                        Math.ceil(q * window.length) - 1)];
                out.append(String.format(Locale.ROOT,
                        "deepfer_http_request_duration_seconds{endpoint=\"%s\",quantile=\"%s\"} %.6f%n", endpoint, q, v));
            }
            out.append(String.format(Locale.ROOT, "deepfer_http_request_duration_seconds_sum{endpoint=\"%s\"} %.6f%n",
                    endpoint, sum));
            out.append(String.format(Locale.ROOT, "deepfer_http_request_duration_seconds_count{endpoint=\"%s\"} %d%n",
                    endpoint, count));
        }
    }
}
