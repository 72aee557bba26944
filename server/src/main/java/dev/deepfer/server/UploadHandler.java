package dev.deepfer.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deepfer.data.Emotion;
import dev.deepfer.data.ImageDecodeException;
import dev.deepfer.infer.RecognitionResult;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The endpoints that take an image upload ({@code POST /api/v1/recognize}, {@code POST
 * /api/v1/explain}): a multipart upload (field {@code image}) or a raw image body → the endpoint's
 * JSON plus {@code timing_ms} ({@code queue}, the endpoint's own work, {@code total}). Sizes are
 * checked from {@code Content-Length} before the body is read and again while reading (a chunked
 * body has no length); the work runs on the bounded {@link WorkQueue}. A request takes one of the
 * shared upload slots before it reads its body and keeps it until its answer is built, so the
 * memory held by uploads is bounded by the slots times twice the size limit (the multipart part
 * and its copy), plus one upload per worker whose recognition timed out and still runs (its slot is
 * free again, its bytes are not until inference ends), however many connections are open; without a
 * free slot it gets 503 {@code busy} before its body is read. The body must arrive within the request timeout plus the time its size
 * takes at {@link UploadDeadline#MIN_BYTES_PER_SECOND}, or the connection is closed
 * ({@link UploadDeadline}), so a trickling upload cannot hold a slot for ever; a few of them can hold
 * every slot until their deadlines (about 3 min for a declared 10 MiB at the defaults): a server open
 * to untrusted clients belongs behind a token, or a proxy that limits connections per client. Every refusal is an
 * {@link ApiError}. What an endpoint does with the image is its {@link Job}, made from the request
 * (its query parameters) before the body is read, so bad parameters are refused at once.
 */
final class UploadHandler implements Handler {
    /** Room for multipart boundaries and part headers on top of the image's own limit. */
    static final long MULTIPART_ALLOWANCE = 64 << 10;
    static final String FIELD = "image";

    /** The work on one upload, run on a worker thread. */
    @FunctionalInterface
    interface Job {
        ObjectNode run(Recognizer recognizer, byte[] bytes, String name) throws ImageDecodeException;
    }

    /** Reads a request's parameters into its {@link Job}; throws {@link ApiError} for bad ones. */
    @FunctionalInterface
    interface JobFactory {
        Job of(Context ctx);
    }

    private final ServerConfig config;
    private final Supplier<Recognizer> model;
    private final WorkQueue queue;
    private final Semaphore uploads;
    private final String work;
    private final JobFactory jobs;

    /**
     * @param uploads the upload slots, shared by every upload endpoint of the server
     * @param work name of the job's time in {@code timing_ms} ({@code recognize}, {@code explain})
     * @param jobs the endpoint's job for a request
     */
    UploadHandler(ServerConfig config, Supplier<Recognizer> model, WorkQueue queue, Semaphore uploads, String work,
                  JobFactory jobs) {
        this.config = config;
        this.model = model;
        this.queue = queue;
        this.uploads = uploads;
        this.work = work;
        this.jobs = jobs;
    }

    /**
     * {@code POST /api/v1/recognize[?mode=live]}: faces and emotions, the {@link RecognitionResult}
     * JSON; {@code mode=live} uses the faster detector settings meant for webcam frames.
     */
    static UploadHandler recognize(ServerConfig config, Supplier<Recognizer> model, WorkQueue queue,
                                   Semaphore uploads) {
        return new UploadHandler(config, model, queue, uploads, "recognize",
                ctx -> {
                    Recognizer.Mode mode = Recognizer.Mode.parse(ctx.queryParam("mode"));
                    return (r, bytes, name) -> r.recognize(bytes, name, mode).toJson();
                });
    }

    /**
     * {@code POST /api/v1/explain[?target=<emotion>][&face=<n>][&maps=true]}: Grad-CAM and CBAM
     * overlays, member votes and probabilities per face ({@link Recognizer#explain}).
     */
    static UploadHandler explain(ServerConfig config, Supplier<Recognizer> model, WorkQueue queue,
                                 Semaphore uploads) {
        return new UploadHandler(config, model, queue, uploads, "explain", ctx -> {
            Optional<Emotion> target = Optional.ofNullable(ctx.queryParam("target")).map(t -> parameter("target",
                    () -> Emotion.parse(t)));
            OptionalInt face = ctx.queryParam("face") == null ? OptionalInt.empty()
                    : OptionalInt.of(parameter("face", () -> nonNegative(ctx.queryParam("face"))));
            boolean maps = "true".equalsIgnoreCase(ctx.queryParam("maps"));
            return (r, bytes, name) -> r.explain(bytes, name, target, face, maps);
        });
    }

    private static int nonNegative(String s) {
        int n = Integer.parseInt(s.trim());
        if (n < 0) {
            throw new IllegalArgumentException("must be 0 or more, got " + n);
        }
        return n;
    }

    /** Parses a query parameter, turning a failure into a 400 {@code bad_parameter} naming it. */
    private static <T> T parameter(String name, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "bad_parameter", "query parameter '" + name + "': " + e.getMessage());
        }
    }

    /** The bytes and the name to report for one uploaded image. */
    private record Upload(byte[] bytes, String name) {
    }

    @Override
    public void handle(Context ctx) throws Exception {
        long start = System.nanoTime();
        Recognizer recognizer = model.get();
        if (recognizer == null) {
            throw ApiError.unavailable("model_loading", "the model is still loading", 5);
        }
        Job job = jobs.of(ctx);
        if (!uploads.tryAcquire()) {
            throw ApiError.unavailable("busy", "the server is busy (all upload slots are taken); retry shortly", 1);
        }
        try {
            answer(ctx, start, recognizer, job, readWithin(ctx));
        } finally {
            uploads.release();
        }
    }

    /** {@link #read}, with the connection closed when the body has not arrived in time ({@link UploadDeadline}). */
    private Upload readWithin(Context ctx) throws IOException {
        UploadDeadline deadline = UploadDeadline.start(ctx.req(), config.requestTimeout(), config.maxBytes());
        try {
            Upload upload = read(ctx);
            if (deadline.stop()) {
                return upload;
            }
        } catch (IOException | RuntimeException e) {
            if (deadline.stop()) {
                throw e;
            }
        } finally {
            deadline.stop(); // after an Error too: the timer must not close the connection's next request
        }
        throw UploadDeadline.expired(deadline);
    }

    private void answer(Context ctx, long start, Recognizer recognizer, Job job, Upload upload) throws Exception {
        long[] began = {0};
        ObjectNode json;
        try {
            json = queue.run(() -> {
                began[0] = System.nanoTime();
                return job.run(recognizer, upload.bytes(), upload.name());
            }, config.requestTimeout());
        } catch (WorkQueue.Full e) {
            throw ApiError.unavailable("busy", "the server is busy (" + e.getMessage() + "); retry shortly", 1);
        } catch (TimeoutException e) {
            throw ApiError.unavailable("timeout", work + " did not finish within "
                    + config.requestTimeout().toSeconds() + " s", 1);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ImageDecodeException d) {
                throw ApiError.of(d);
            }
            if (e.getCause() instanceof ApiError a) {
                throw a;
            }
            throw new IllegalStateException(work + " failed", e.getCause());
        }
        long end = System.nanoTime();
        ObjectNode timing = json.get("timing_ms") instanceof ObjectNode t ? t : json.putObject("timing_ms");
        timing.put("queue", millis(began[0] - start));
        timing.put(work, millis(end - began[0]));
        timing.put("total", millis(end - start));
        ctx.contentType("application/json").result(json.toString());
    }

    private Upload read(Context ctx) throws IOException {
        String type = mediaType(ctx.contentType());
        long declared = ctx.req().getContentLengthLong();
        if (type.equals("multipart/form-data")) {
            checkDeclared(declared, config.maxBytes() + MULTIPART_ALLOWANCE);
            return readPart(ctx);
        }
        checkType(type);
        checkDeclared(declared, config.maxBytes());
        return new Upload(readLimited(ctx.req().getInputStream()), "upload");
    }

    private Upload readPart(Context ctx) throws IOException {
        UploadedFile file;
        try {
            file = ctx.uploadedFile(FIELD);
        } catch (Exception e) {
            // Jetty refuses parts over the multipart limits, or a malformed body, while parsing; it throws
            // ServletException or IOException, which reach Java code undeclared through Javalin (Kotlin).
            // It also closes the connection after the answer, so the client must not reuse it.
            ctx.header("Connection", "close");
            throw multipartRefusal(e);
        }
        if (file == null) {
            throw new ApiError(400, "missing_image", "no multipart field named '" + FIELD + "'");
        }
        checkType(mediaType(file.contentType()));
        if (file.size() > config.maxBytes()) {
            throw tooLarge();
        }
        try (InputStream in = file.content()) {
            return new Upload(readLimited(in), displayName(file.filename()));
        }
    }

    /** 413 when any cause in the chain says a limit was exceeded, else 400 {@code bad_multipart}. */
    private ApiError multipartRefusal(Exception e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("size") || m.contains("exceed") || m.contains("too large") || m.contains("413")) {
                return tooLarge();
            }
            root = t;
        }
        return new ApiError(400, "bad_multipart", "the multipart body cannot be parsed: " + root.getMessage());
    }

    private void checkType(String type) {
        if (!(type.isEmpty() || type.startsWith("image/") || type.equals("application/octet-stream"))) {
            throw new ApiError(415, "unsupported_media_type", "content type '" + type
                    + "' is not accepted: send an image (image/*, application/octet-stream) or multipart/form-data"
                    + " with a field '" + FIELD + "'");
        }
    }

    private void checkDeclared(long declared, long limit) {
        if (declared > limit) {
            throw tooLarge();
        }
    }

    private byte[] readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, config.maxBytes() + 1));
        if (bytes.length > config.maxBytes()) {
            throw tooLarge();
        }
        return bytes;
    }

    private ApiError tooLarge() {
        return new ApiError(413, "too_large", String.format(Locale.ROOT, "the upload is over the limit of %,d bytes",
                config.maxBytes()));
    }

    /** {@code type/subtype} in lower case without parameters; empty when absent. */
    static String mediaType(String header) {
        if (header == null) {
            return "";
        }
        int semi = header.indexOf(';');
        return (semi < 0 ? header : header.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** The upload's own file name, only echoed back: last segment, printable, at most 100 chars. */
    static String displayName(String filename) {
        if (filename == null || filename.isBlank()) {
            return "upload";
        }
        String base = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
        base = base.replaceAll("\\p{Cntrl}", "");
        return base.isEmpty() ? "upload" : base.substring(0, Math.min(100, base.length()));
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
