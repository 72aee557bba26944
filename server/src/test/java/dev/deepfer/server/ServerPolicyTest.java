package dev.deepfer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.deepfer.data.ImageDecodeException;
import dev.deepfer.infer.RecognitionResult;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Token, bounded queue, model loading and CORS, with a stand-in {@link Recognizer} (no model needed)
 * so the timing can be steered with latches.
 */
class ServerPolicyTest {
    private static final byte[] ANY = {1, 2, 3};

    private DeepferServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Answers with no face; optionally waits on {@code release} after counting down {@code entered}. */
    static final class FakeRecognizer implements Recognizer {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release;
        final AtomicInteger calls = new AtomicInteger();
        final List<Recognizer.Mode> modes = new CopyOnWriteArrayList<>();
        final AtomicInteger closed = new AtomicInteger();

        FakeRecognizer(boolean blockFirstCall) {
            release = new CountDownLatch(blockFirstCall ? 1 : 0);
        }

        @Override
        public RecognitionResult recognize(byte[] encoded, String name, Mode mode) throws ImageDecodeException {
            modes.add(mode);
            if (calls.incrementAndGet() == 1) {
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new RecognitionResult(name, 4, 3, List.of());
        }

        @Override
        public JsonNode manifest() {
            return JsonNodeFactory.instance.objectNode().put("architecture", "fake");
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void tokenIsRequiredByTheApiAndMetricsButNotByHealthOrTheUi() throws Exception {
        server = DeepferServer.start(ServerConfig.defaults(0).withToken("s3cret"), new FakeRecognizer(false));
        Http http = new Http(server.uri());

        Http.Reply missing = http.postRaw(ANY, "image/png");
        Http.Reply wrong = http.postRaw(ANY, "image/png", "Authorization", "Bearer guess");
        Http.Reply model = http.get("api/v1/model");
        Http.Reply metrics = http.get("metrics");
        Http.Reply explain = http.postMultipart("api/v1/explain", "image", "a.png", "image/png", ANY);
        // the router ignores trailing slashes, so the token check must too
        Http.Reply metricsSlash = http.get("metrics/");
        Http.Reply modelSlash = http.get("api/v1/model/");

        for (Http.Reply r : List.of(missing, wrong, model, metrics, explain, metricsSlash, modelSlash)) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().path("error").asText()).isEqualTo("unauthorized");
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        }
        assertThat(http.postRaw(ANY, "image/png", "Authorization", "Bearer s3cret").status()).isEqualTo(200);
        assertThat(http.get("api/v1/model", "Authorization", "Bearer s3cret").json().path("architecture").asText())
                .isEqualTo("fake");
        assertThat(http.get("health").status()).isEqualTo(200);
        assertThat(http.get("").status()).isEqualTo(200);
        // past the token, a recogniser that cannot explain says so
        Http.Reply unsupported = http.send(http.request("api/v1/explain").header("Authorization", "Bearer s3cret")
                .header("Content-Type", "image/png").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(ANY))
                .build());
        assertThat(unsupported.status()).isEqualTo(501);
        assertThat(unsupported.json().path("error").asText()).isEqualTo("not_implemented");
        assertThat(http.get("api/openapi.json").status()).as("the API's description needs no token").isEqualTo(200);
    }

    @Test
    void modeParameterChoosesTheDetectorSettingsAndAnUnknownModeIs400() throws Exception {
        FakeRecognizer fake = new FakeRecognizer(false);
        server = DeepferServer.start(ServerConfig.defaults(0), fake);
        Http http = new Http(server.uri());

        assertThat(http.postRawTo("api/v1/recognize?mode=live", ANY, "image/jpeg").status()).isEqualTo(200);
        assertThat(http.postRawTo("api/v1/recognize?mode=PHOTO", ANY, "image/jpeg").status()).isEqualTo(200);
        assertThat(http.postRaw(ANY, "image/jpeg").status()).isEqualTo(200);
        Http.Reply bad = http.postRawTo("api/v1/recognize?mode=turbo", ANY, "image/jpeg");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").asText()).isEqualTo("bad_mode");
        assertThat(fake.modes).containsExactly(Recognizer.Mode.LIVE, Recognizer.Mode.PHOTO, Recognizer.Mode.PHOTO);
        server.stop();
        assertThat(fake.closed).as("stop closes the recognizer adapter").hasValue(1);
        server = null;
    }

    @Test
    void healthReportsTheUploadLimitsTheUiShows() throws Exception {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, java.util.Optional.empty(), 1234, 5678, 1, 0,
                java.util.Optional.empty(), java.time.Duration.ofSeconds(5));
        server = DeepferServer.start(config, new FakeRecognizer(false));
        JsonNode limits = new Http(server.uri()).get("health").json().path("limits");

        assertThat(limits.path("max_bytes").asLong()).isEqualTo(1234);
        assertThat(limits.path("max_pixels").asLong()).isEqualTo(5678);
    }

    @Test
    void openApiDocumentDescribesEveryRouteTheServerHas() throws Exception {
        server = DeepferServer.start(ServerConfig.defaults(0), new FakeRecognizer(false));
        Http http = new Http(server.uri());
        Http.Reply doc = http.get("api/openapi.json");

        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.json().path("openapi").asText()).startsWith("3.");
        JsonNode paths = doc.json().path("paths");
        for (String post : List.of("/api/v1/recognize", "/api/v1/explain")) {
            assertThat(paths.path(post).has("post")).as(post).isTrue();
        }
        for (String get : List.of("/api/v1/model", "/api/openapi.json", "/health", "/metrics")) {
            assertThat(paths.path(get).has("get")).as(get).isTrue();
            assertThat(http.get(get.substring(1)).status()).as(get + " exists").isEqualTo(200);
        }
        List<String> codes = new java.util.ArrayList<>();
        doc.json().at("/components/schemas/Error/properties/error/enum").forEach(n -> codes.add(n.asText()));
        for (ImageDecodeException.Reason reason : ImageDecodeException.Reason.values()) {
            assertThat(codes).contains(reason.name().toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(codes).contains("bad_mode", "bad_parameter", "no_such_face", "not_implemented", "busy", "unauthorized", "unsupported_media_type", "too_large");
    }

    @Test
    void aFullQueueRefusesWith503AndRetryAfterThenRecovers() throws Exception {
        FakeRecognizer slow = new FakeRecognizer(true);
        server = DeepferServer.start(ServerConfig.defaults(0).withWorkers(1, 0), slow);
        Http http = new Http(server.uri());

        CompletableFuture<Http.Reply> first = CompletableFuture.supplyAsync(() -> {
            try {
                return http.postRaw(ANY, "image/png");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(slow.entered.await(30, TimeUnit.SECONDS)).as("first request reached the recognizer").isTrue();

        Http.Reply refused = http.postRaw(ANY, "image/png");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.json().path("error").asText()).isEqualTo("busy");
        assertThat(http.get("metrics").body()).contains("deepfer_recognitions_running 1", "deepfer_queue_depth 0");

        slow.release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(http.postRaw(ANY, "image/png").status()).isEqualTo(200);
        assertThat(http.get("metrics").body())
                .contains("deepfer_http_requests_total{endpoint=\"/api/v1/recognize\",status=\"503\"} 1");
    }

    @Test
    void aTruncatedMultipartBodyIs400AndAnOversizedChunkedPartIs413() throws Exception {
        ServerConfig small = new ServerConfig("127.0.0.1", 0, java.util.Optional.empty(), 1000, 5678, 1, 0,
                java.util.Optional.empty(), java.time.Duration.ofSeconds(5));
        FakeRecognizer fake = new FakeRecognizer(false);
        server = DeepferServer.start(small, fake);
        Http http = new Http(server.uri());

        Http.Reply truncated = http.send(http.request("api/v1/recognize").header("Content-Type", Http.MULTIPART_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Http.multipartBody("image", "a.png", "image/png", ANY,
                        false))).build());
        byte[] big = Http.multipartBody("image", "a.png", "image/png", new byte[5000], true);
        Http.Reply chunked = http.send(http.request("api/v1/recognize").header("Content-Type", Http.MULTIPART_TYPE)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build());

        assertThat(truncated.status()).as(truncated.body()).isEqualTo(400);
        assertThat(truncated.json().path("error").asText()).isEqualTo("bad_multipart");
        assertThat(chunked.status()).as(chunked.body()).isEqualTo(413);
        assertThat(chunked.json().path("error").asText()).isEqualTo("too_large");
        assertThat(fake.calls).as("neither reached the recognizer").hasValue(0);
        assertThat(http.postMultipart("image", "a.png", "image/png", ANY).status()).isEqualTo(200);
    }

    @Test
    void uploadsBeyondTheUploadSlotsAre503BeforeTheirBodyIsRead() throws Exception {
        server = DeepferServer.start(ServerConfig.defaults(0), new FakeRecognizer(false), 1);
        Http http = new Http(server.uri());
        // the one upload slot is held by an upload that stops after its first bytes
        try (java.net.Socket stalled = new java.net.Socket("127.0.0.1", server.port())) {
            stalled.getOutputStream().write(("POST /api/v1/recognize HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: image/png\r\nContent-Length: 1000\r\n\r\nabc")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            // nothing else is sent until the stalled upload's handler holds the slot: an upload posted
            // meanwhile could hold it at the moment the stalled one asks, and have that one refused instead
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (server.freeUploadSlots() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(server.freeUploadSlots()).as("the stalled upload holds the slot").isZero();
            Http.Reply other = http.postRaw(ANY, "image/png");

            assertThat(other.status()).as(other.body()).isEqualTo(503);
            assertThat(other.json().path("error").asText()).isEqualTo("busy");
            assertThat(other.json().path("message").asText()).contains("upload slots");
            assertThat(other.header("Retry-After")).isEqualTo("1");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Http.Reply after = http.postRaw(ANY, "image/png");
        while (after.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            after = http.postRaw(ANY, "image/png");
        }
        assertThat(after.status()).as("the slot comes back when the stalled upload goes").isEqualTo(200);
    }

    /**
     * An upload that sends a byte every 200 ms (each read is quick, the body never ends) holds the
     * one upload slot only until its deadline (the request timeout plus its declared size at 64 KiB/s):
     * then the server closes its connection and the slot serves the next upload.
     */
    @Test
    void aTricklingUploadLosesItsConnectionAtTheTimeoutAndFreesItsSlot() throws Exception {
        ServerConfig d = ServerConfig.defaults(0);
        ServerConfig config = new ServerConfig(d.host(), 0, d.token(), d.maxBytes(), d.maxPixels(), d.threads(),
                d.queue(), d.corsOrigin(), java.time.Duration.ofSeconds(2));
        server = DeepferServer.start(config, new FakeRecognizer(false), 1);
        try (java.net.Socket trickle = new java.net.Socket("127.0.0.1", server.port())) {
            trickle.setSoTimeout(20_000);
            java.io.OutputStream out = trickle.getOutputStream();
            out.write(("POST /api/v1/recognize HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
                    + "Content-Length: 100000\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            long began = System.nanoTime();
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 200; i++) {
                        out.write('x');
                        out.flush();
                        Thread.sleep(200);
                    }
                } catch (java.io.IOException | InterruptedException closed) {
                    // the server closed the connection: what the test waits for
                }
            });
            int first;
            try {
                first = trickle.getInputStream().read();
            } catch (java.net.SocketException reset) {
                first = -1;
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            assertThat(first).as("the connection is closed, nothing answered on it").isEqualTo(-1);
            // the deadline: the 2 s timeout plus 1.5 s for the 100,000 declared bytes at 64 KiB/s
            assertThat(seconds).as("closed at the deadline, long before the 40 s the trickle would take")
                    .isBetween(3.0, 15.0);
            sender.cancel(true);
        }
        // the handler releases the slot once its failed read returns: poll, the machine may be busy
        Http http = new Http(server.uri());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Http.Reply next = http.postRaw(ANY, "image/png");
        while (next.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            next = http.postRaw(ANY, "image/png");
        }
        assertThat(next.status()).as("the slot is free again: " + next.body()).isEqualTo(200);
    }

    /**
     * A refusal reads at most a small, prompt body before answering: a client without the token
     * that declares 5 MB (within the upload limit) and sends three bytes gets its 401 at once, with
     * the connection closed; one that declares a small body and stalls loses the connection at the
     * drain deadline; one that asks {@code Expect: 100-continue} is answered without the invitation
     * to send. Each held a server thread until Jetty's idle timeout, or for ever while trickling,
     * when refusals drained up to the upload limit.
     */
    @Test
    void aRefusalReadsOnlyASmallPromptBody() throws Exception {
        server = DeepferServer.start(ServerConfig.defaults(0).withToken("s3cret"), new FakeRecognizer(false));
        String large = rawExchange("Content-Length: 5000000\r\n", "abc", 10_000);
        assertThat(large).startsWith("HTTP/1.1 401").containsIgnoringCase("connection: close");

        String expecting = rawExchange("Content-Length: 500000\r\nExpect: 100-continue\r\n", "", 10_000);
        assertThat(expecting).startsWith("HTTP/1.1 401").doesNotContain("100 Continue")
                .containsIgnoringCase("connection: close");

        long began = System.nanoTime();
        String stalled = rawExchange("Content-Length: 1000\r\n", "abc", 20_000);
        double seconds = (System.nanoTime() - began) / 1e9;
        assertThat(stalled).as("closed without an answer at the drain deadline").isEmpty();
        assertThat(seconds).as("the drain deadline: 2 s plus 1,000 bytes at 64 KiB/s").isBetween(1.5, 12.0);

        String small = rawExchange("Content-Length: 3\r\n", "abc", 10_000);
        assertThat(small).as("a small body that arrived is drained: the connection stays")
                .startsWith("HTTP/1.1 401").doesNotContainIgnoringCase("connection: close");
    }

    /**
     * Sends an upload's head with {@code headers} and then {@code body} on a new connection, and
     * returns what the server answers until it closes the connection or {@code timeoutMillis} pass
     * (then a test failure: the server was still reading). Empty when the connection closed first.
     */
    private String rawExchange(String headers, String body, int timeoutMillis) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write(("POST /api/v1/recognize HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: image/png\r\n" + headers + "\r\n" + body)
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) >= 0; ) {
                    answer.write(buffer, 0, n);
                    String text = answer.toString(java.nio.charset.StandardCharsets.US_ASCII);
                    int head = text.indexOf("\r\n\r\n");
                    if (head >= 0 && text.length() >= head + 4 + contentLength(text.substring(0, head))) {
                        break; // a whole answer: a connection kept open would not end the loop
                    }
                }
            } catch (java.net.SocketException reset) {
                // closed by the server: what was read so far is the answer
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("no answer and no close within " + timeoutMillis + " ms; read so far: "
                        + answer.toString(java.nio.charset.StandardCharsets.US_ASCII), e);
            }
            return answer.toString(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    private static int contentLength(String head) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Posts one image without waiting: the server may stop under it, so its answer does not matter. */
    private static void recognizeInTheBackground(DeepferServer target) {
        Http http = new Http(target.uri());
        CompletableFuture.runAsync(() -> {
            try {
                http.postRaw(ANY, "image/png");
            } catch (Exception ignored) {
                // cut by the stop, or answered 503 timeout
            }
        });
    }

    @Test
    void stopWaitsForARunningRecognitionBeforeClosingTheModel() throws Exception {
        FakeRecognizer slow = new FakeRecognizer(true);
        server = DeepferServer.start(ServerConfig.defaults(0), slow);
        recognizeInTheBackground(server);
        assertThat(slow.entered.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(server::stop);
        Thread.sleep(500);
        assertThat(stopped).as("stop waits for the running recognition").isNotDone();
        assertThat(slow.closed).as("nothing is closed under it").hasValue(0);
        slow.release.countDown();

        assertThat(stopped.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(slow.closed).hasValue(1);
        server = null;
    }

    @Test
    void stopLeavesTheModelOpenWhenARecognitionOutlivesTheTimeoutAndGrace() throws Exception {
        FakeRecognizer stuck = new FakeRecognizer(true);
        ServerConfig d = ServerConfig.defaults(0);
        ServerConfig config = new ServerConfig(d.host(), 0, d.token(), d.maxBytes(), d.maxPixels(), d.threads(),
                d.queue(), d.corsOrigin(), java.time.Duration.ofSeconds(1));
        server = DeepferServer.start(config, stuck);
        recognizeInTheBackground(server);
        assertThat(stuck.entered.await(30, TimeUnit.SECONDS)).isTrue();
        try {
            assertThat(server.stop()).as("a recognition still runs").isFalse();
            assertThat(stuck.closed).as("the model is not closed under it").hasValue(0);
        } finally {
            stuck.release.countDown();
            server = null;
        }
    }

    @Test
    void healthAndApiAre503UntilTheModelHasLoaded() throws Exception {
        CountDownLatch loaded = new CountDownLatch(1);
        server = DeepferServer.startLoading(ServerConfig.defaults(0), () -> {
            loaded.await(30, TimeUnit.SECONDS);
            return new FakeRecognizer(false);
        });
        Http http = new Http(server.uri());

        Http.Reply health = http.get("health");
        Http.Reply recognize = http.postRaw(ANY, "image/png");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().path("status").asText()).isEqualTo("loading");
        assertThat(recognize.status()).isEqualTo(503);
        assertThat(recognize.header("Retry-After")).isNotNull();
        assertThat(recognize.json().path("error").asText()).isEqualTo("model_loading");
        assertThat(http.get("").status()).as("the UI is up while the model loads").isEqualTo(200);

        loaded.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.ready() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(http.get("health").status()).isEqualTo(200);
        assertThat(http.postRaw(ANY, "image/png").status()).isEqualTo(200);
    }

    @Test
    void aModelThatFinishesLoadingAfterTheStopIsClosed() throws Exception {
        CountDownLatch loaded = new CountDownLatch(1);
        FakeRecognizer late = new FakeRecognizer(false);
        server = DeepferServer.startLoading(ServerConfig.defaults(0), () -> {
            loaded.await(30, TimeUnit.SECONDS);
            return late;
        });
        assertThat(server.stop()).isTrue();
        loaded.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (late.closed.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(late.closed).as("closed once, by the loader after the stop").hasValue(1);
        assertThat(server.ready()).isFalse();
        server = null;
    }

    @Test
    void aFailedLoadIsReportedByHealth() throws Exception {
        server = DeepferServer.startLoading(ServerConfig.defaults(0), () -> {
            throw new java.io.IOException("no manifest.json in /home/someone/secret-models/x");
        });
        Http http = new Http(server.uri());
        Http.Reply health = http.get("health");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!health.json().path("status").asText().equals("failed") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            health = http.get("health");
        }
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().path("message").asText()).as("/health needs no token: local paths are cut")
                .isEqualTo("no manifest.json in x");
    }

    @Test
    void corsIsOffByDefaultAndAllowsOnlyTheConfiguredOrigin() throws Exception {
        server = DeepferServer.start(ServerConfig.defaults(0), new FakeRecognizer(false));
        Http off = new Http(server.uri());
        assertThat(off.get("api/v1/model", "Origin", "http://example.test").header("Access-Control-Allow-Origin"))
                .isNull();
        server.stop();

        server = DeepferServer.start(ServerConfig.defaults(0).withCorsOrigin("http://app.test"), new FakeRecognizer(false));
        Http on = new Http(server.uri());
        assertThat(on.get("api/v1/model", "Origin", "http://app.test").header("Access-Control-Allow-Origin"))
                .isEqualTo("http://app.test");
        assertThat(on.get("api/v1/model", "Origin", "http://evil.test").header("Access-Control-Allow-Origin")).isNull();
        Http.Reply preflight = on.send(on.request("api/v1/recognize")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://app.test").header("Access-Control-Request-Method", "POST").build());
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Authorization");
    }

    @Test
    void serverBindsLoopbackByDefaultAndReportsItsPort() {
        server = DeepferServer.start(ServerConfig.defaults(0), new FakeRecognizer(false));
        assertThat(server.port()).isPositive();
        assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
    }
}
