package dev.deepfer.cli;

import dev.deepfer.data.ImageDecoder;
import dev.deepfer.infer.EmotionRecognizer;
import dev.deepfer.infer.ModelBundle;
import dev.deepfer.server.DeepferServer;
import dev.deepfer.server.Recognizer;
import dev.deepfer.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deepfer serve}: the REST API and the browser UI over a model bundle. Listens at once and
 * loads the model in the background ({@code /health} is 503 until it is ready); runs until killed.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the REST API (/api/v1/recognize, /api/v1/model, /health, /metrics) and the web UI.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes it to the network).")
    String host = ServerConfig.DEFAULT_HOST;

    @Option(names = "--port", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port = ServerConfig.DEFAULT_PORT;

    @Option(names = "--model", description = "Model bundle (default: the bundled default model).")
    Path model;

    @Option(names = "--token", description = "Bearer token the API requires (default: $DEEPFER_TOKEN, else none).")
    String token = System.getenv("DEEPFER_TOKEN");

    @Option(names = "--max-bytes", description = "Upload limit in bytes (default: ${DEFAULT-VALUE}).")
    long maxBytes = ServerConfig.DEFAULT_MAX_BYTES;

    @Option(names = "--max-pixels", description = "Pixel limit, checked from the image header (default: ${DEFAULT-VALUE}).")
    long maxPixels = ImageDecoder.DEFAULT_MAX_PIXELS;

    @Option(names = "--threads", description = "Recognitions at once (default: the number of cores, ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--queue", description = "Requests that may wait for a worker; more get 503 (default: ${DEFAULT-VALUE}).")
    int queue = ServerConfig.DEFAULT_QUEUE;

    @Option(names = "--timeout", description = "Seconds a request may wait for and run its recognition; an upload's body may take "
            + "this long plus its size at 64 KiB/s to arrive, else its connection is closed (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = (int) ServerConfig.DEFAULT_TIMEOUT.toSeconds();

    @Option(names = "--cors-origin", description = "The one origin allowed to call the API from a browser (default: none).")
    String corsOrigin;

    /**
     * Each of the {@code --threads} workers runs its own recognition, so PyTorch's intra-op pool is
     * sized to share the cores between them instead of each worker spinning up one thread per core
     * (oversubscribed OpenMP threads busy-wait: 2 workers x 2 threads on 2 cores were several times
     * slower than 2 x 1). Must run before the engine loads; an explicit
     * {@code -Dai.djl.pytorch.num_threads} wins.
     */
    static void shareCoresBetweenWorkers(int workers) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(Math.max(1, cores / Math.max(1, workers))));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    @Override
    public Integer call() throws Exception {
        shareCoresBetweenWorkers(threads);
        ServerConfig config = new ServerConfig(host, port, Optional.ofNullable(token), maxBytes, maxPixels, threads,
                queue, Optional.ofNullable(corsOrigin), Duration.ofSeconds(timeoutSeconds));
        Path bundle = model != null ? model : ModelBundle.defaultLocation();
        AtomicReference<EmotionRecognizer> loaded = new AtomicReference<>();
        DeepferServer server = DeepferServer.startLoading(config, () -> {
            EmotionRecognizer r = Recognizer.load(bundle, maxPixels, maxBytes);
            loaded.set(r);
            System.err.println("deepfer: model " + bundle + " loaded");
            return Recognizer.of(r);
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (server.stop()) { // else a recognition still runs on the model: the process exit frees it
                Optional.ofNullable(loaded.get()).ifPresent(EmotionRecognizer::close);
            }
            stopped.countDown();
        }, "deepfer-serve-shutdown"));
        System.err.println("deepfer: serving " + server.uri() + " (API and web UI; "
                + (config.token().isPresent() ? "bearer token required" : "no token") + "); Ctrl-C stops");
        stopped.await();
        return 0;
    }
}
