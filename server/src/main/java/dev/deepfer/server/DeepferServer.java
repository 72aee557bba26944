package dev.deepfer.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deepfer.infer.EmotionRecognizer;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the REST API ({@code POST /api/v1/recognize}, {@code POST /api/v1/explain},
 * {@code GET /api/v1/model}, its OpenAPI document at {@code /api/openapi.json}), {@code /health}
 * (with the upload limits), {@code /metrics} and the browser UI (static files from the jar's
 * {@code web/}).
 * A thin shell over a {@link Recognizer}: it checks tokens, sizes and content types, bounds
 * concurrency and turns every refusal into {@code {"error", "message"}} JSON. The model may still
 * be loading when the server starts ({@link #startLoading}); until it is, {@code /health} and the
 * API answer 503.
 */
public final class DeepferServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeepferServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ENDPOINTS = Set.of("/api/v1/recognize", "/api/v1/explain", "/api/v1/model",
            OpenApi.PATH, "/health", "/metrics");
    private static final String STARTED = "deepfer.started";
    /** How much longer than the request timeout {@link #stop} waits for running recognitions. */
    static final Duration STOP_GRACE = Duration.ofSeconds(2);
    private static final String CSP = "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:;"
            + " connect-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none'";

    private final ServerConfig config;
    private final AtomicReference<Recognizer> model = new AtomicReference<>();
    private final AtomicReference<String> loadFailure = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
    private final WorkQueue queue;
    /** Requests reading or holding an upload: twice the recognitions that may be admitted. */
    private final Semaphore uploads;
    private final Metrics metrics = new Metrics();
    private final Javalin app;

    private DeepferServer(ServerConfig config) {
        this(config, 0);
    }

    /** {@code uploadSlots} 0: twice the recognitions the queue admits. */
    private DeepferServer(ServerConfig config, int uploadSlots) {
        this.config = config;
        this.queue = new WorkQueue(config.threads(), config.queue());
        this.uploads = new Semaphore(uploadSlots > 0 ? uploadSlots : 2 * queue.capacity());
        this.app = Javalin.create(this::configure);
    }

    /** Starts serving {@code recognizer} (ready at once). The caller keeps ownership of it. */
    public static DeepferServer start(ServerConfig config, EmotionRecognizer recognizer) {
        return start(config, Recognizer.of(recognizer));
    }

    /** Starts serving {@code recognizer} (ready at once). */
    public static DeepferServer start(ServerConfig config, Recognizer recognizer) {
        return start(new DeepferServer(config), recognizer);
    }

    /** As {@link #start(ServerConfig, Recognizer)} with {@code uploadSlots} instead of 2 x (threads + queue). */
    static DeepferServer start(ServerConfig config, Recognizer recognizer, int uploadSlots) {
        return start(new DeepferServer(config, uploadSlots), recognizer);
    }

    private static DeepferServer start(DeepferServer server, Recognizer recognizer) {
        server.model.set(recognizer);
        server.app.start(server.config.host(), server.config.port());
        return server;
    }

    /**
     * Starts listening at once and loads the model with {@code loader} on a background thread:
     * the UI is reachable while a large bundle loads, {@code /health} says 503 until it is ready,
     * and if loading fails {@code /health} reports why. A model that finishes loading after
     * {@link #stop} is closed at once, as {@code stop} would have closed it.
     */
    public static DeepferServer startLoading(ServerConfig config, Callable<Recognizer> loader) {
        DeepferServer server = new DeepferServer(config);
        server.app.start(config.host(), config.port());
        Thread t = new Thread(() -> {
            try {
                server.model.set(loader.call());
                if (server.stopped.get()) { // stop() ran while loading; one of the two takes the model
                    java.util.Optional.ofNullable(server.model.getAndSet(null)).ifPresent(Recognizer::close);
                }
            } catch (Exception | LinkageError e) {
                LOG.error("cannot load the model", e);
                // /health needs no token: the reason goes out with local paths cut to their file names
                server.loadFailure.set(PublicManifest.redactText(String.valueOf(e.getMessage())));
            }
        }, "deepfer-model-loader");
        t.setDaemon(true);
        t.start();
        return server;
    }

    /** The bound port (the chosen one when configured with port 0). */
    public int port() {
        return app.port();
    }

    /** {@code http://host:port/}. */
    public URI uri() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    public boolean ready() {
        return model.get() != null;
    }

    /** Upload slots free now (for tests that must know a slow upload holds one). */
    int freeUploadSlots() {
        return uploads.availablePermits();
    }

    /**
     * Stops listening, lets the recognitions already admitted end (waiting at most the request
     * timeout plus {@link #STOP_GRACE}), then closes the {@link Recognizer} adapter (which frees only
     * what it made itself: an {@link EmotionRecognizer} passed in stays the caller's to close).
     * Inference cannot be interrupted, so if one is still running then, nothing is closed under it.
     *
     * @return true when no recognition was left running, so the caller may free the model too
     */
    public boolean stop() {
        stopped.set(true);
        app.stop();
        Duration grace = config.requestTimeout().plus(STOP_GRACE);
        boolean idle;
        try {
            idle = queue.drain(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            idle = false;
        }
        queue.close();
        Recognizer r = model.getAndSet(null);
        if (r != null && idle) {
            r.close();
        } else if (r != null) {
            LOG.warn("a recognition is still running after {} s; the model is left open for it", grace.toSeconds());
        }
        return idle;
    }

    @Override
    public void close() {
        stop();
    }

    private void configure(JavalinConfig c) {
        c.startup.showJavalinBanner = false;
        c.startup.showOldJavalinVersionWarning = false;
        c.http.maxRequestSize = config.maxBytes() + UploadHandler.MULTIPART_ALLOWANCE;
        c.jetty.multipartConfig.maxFileSize(config.maxBytes(), SizeUnit.BYTES);
        c.jetty.multipartConfig.maxTotalRequestSize(config.maxBytes() + UploadHandler.MULTIPART_ALLOWANCE,
                SizeUnit.BYTES);
        c.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(Integer.MAX_VALUE, config.maxBytes()),
                SizeUnit.BYTES);
        c.staticFiles.add(s -> {
            s.hostedPath = "/";
            s.directory = "/web";
            s.location = Location.CLASSPATH;
            s.headers = Map.of("Cache-Control", "no-cache");
        });
        c.routes.before(this::before);
        c.routes.get("/health", this::health);
        c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.render(queue, ready())));
        c.routes.get("/api/v1/model", ctx -> ctx.contentType("application/json")
                .result(JSON.writeValueAsString(readyModel().manifest())));
        c.routes.post("/api/v1/recognize", UploadHandler.recognize(config, model::get, queue, uploads));
        c.routes.post("/api/v1/explain", UploadHandler.explain(config, model::get, queue, uploads));
        c.routes.get(OpenApi.PATH, ctx -> ctx.contentType("application/json").result(OpenApi.document()));
        c.routes.exception(ApiError.class, this::refuse);
        c.routes.exception(HttpResponseException.class, (e, ctx) -> refuse(new ApiError(e.getStatus(),
                codeOf(e.getStatus()), e.getMessage() + ": " + ctx.method() + " " + ctx.path()), ctx));
        c.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            refuse(new ApiError(500, "internal_error", "internal error: " + e.getClass().getSimpleName()), ctx);
        });
        c.routes.after(this::after);
    }

    /** Security headers, CORS and the bearer token, before any route. */
    private void before(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", CSP);
        String origin = ctx.header("Origin");
        boolean allowed = origin != null && config.corsOrigin().filter(origin::equals).isPresent();
        if (allowed) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Vary", "Origin");
            if ("OPTIONS".equals(ctx.method().name())) {
                ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
                ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
                ctx.header("Access-Control-Max-Age", "600");
                ctx.status(204);
                ctx.skipRemainingHandlers();
                return;
            }
        }
        // as the router sees it: it ignores trailing slashes, so "/metrics/" is the metrics too
        String path = ctx.path().replaceAll("/{2,}", "/").replaceAll("(?<=.)/+$", "");
        boolean guarded = (path.startsWith("/api/") && !path.equals(OpenApi.PATH)) || path.equals("/metrics");
        if (config.token().isPresent() && guarded) {
            checkToken(ctx.header("Authorization"), config.token().get());
        }
    }

    private static void checkToken(String authorization, String token) {
        String prefix = "Bearer ";
        if (authorization == null || !authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new ApiError(401, "unauthorized", "this server needs a bearer token (Authorization: Bearer …)");
        }
        byte[] given = authorization.substring(prefix.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(401, "unauthorized", "the bearer token is wrong");
        }
    }

    private void health(Context ctx) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("limits").put("max_bytes", config.maxBytes()).put("max_pixels", config.maxPixels());
        if (ready()) {
            body.put("status", "ready");
        } else if (loadFailure.get() != null) {
            body.put("status", "failed").put("message", loadFailure.get());
            ctx.status(503);
        } else {
            body.put("status", "loading");
            ctx.status(503).header("Retry-After", "5");
        }
        ctx.contentType("application/json").result(body.toString());
    }

    private Recognizer readyModel() {
        Recognizer r = model.get();
        if (r == null) {
            throw ApiError.unavailable("model_loading", loadFailure.get() == null ? "the model is still loading"
                    : "the model failed to load: " + loadFailure.get(), 5);
        }
        return r;
    }

    /** Stable codes for the statuses Javalin itself raises (unknown route, wrong method, …). */
    private static String codeOf(int status) {
        return switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "too_large";
            default -> "http_" + status;
        };
    }

    private void refuse(ApiError e, Context ctx) {
        ctx.status(e.status()).contentType("application/json").result(e.toJson());
        UnreadBody.finish(ctx);
        e.retryAfterSeconds().ifPresent(s -> ctx.header("Retry-After", Integer.toString(s)));
        if (e.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"deepfer\"");
        }
    }

    private void after(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started == null) {
            return;
        }
        String path = ctx.path();
        String endpoint = ENDPOINTS.contains(path) ? path : path.startsWith("/api/") ? "other" : "static";
        metrics.record(endpoint, ctx.status().getCode(), System.nanoTime() - started);
    }
}
