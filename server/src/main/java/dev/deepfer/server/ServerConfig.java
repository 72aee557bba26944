package dev.deepfer.server;

import dev.deepfer.data.ImageDecoder;
import java.time.Duration;
import java.util.Optional;

/**
 * How {@link DeepferServer} listens and what it accepts. Safe by default: loopback only, 10 MiB
 * uploads, the decoder's 40-megapixel limit, one worker per core with 16 waiting requests, no
 * CORS, no token.
 *
 * @param host address to bind ({@code 127.0.0.1} unless the user asks otherwise)
 * @param port TCP port; 0 picks a free one (see {@link DeepferServer#port()})
 * @param token bearer token the API requires, or empty for none
 * @param maxBytes upload limit in bytes (the image itself; multipart framing gets a small allowance)
 * @param maxPixels pixel limit, checked from the image header before decoding
 * @param threads recognitions run at once
 * @param queue recognitions allowed to wait for a worker; beyond that requests get 503 busy
 * @param corsOrigin the one origin allowed cross-origin calls, or empty for none
 * @param requestTimeout how long a request may wait for and run its recognition; its upload's body may take
 *                       this long plus its size at 64 KiB/s to arrive (then the connection is closed:
 *                       {@code UploadDeadline})
 */
public record ServerConfig(String host, int port, Optional<String> token, long maxBytes, long maxPixels, int threads,
        int queue, Optional<String> corsOrigin, Duration requestTimeout) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BYTES = 10L << 20;
    public static final int DEFAULT_QUEUE = 16;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (maxBytes <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("--max-bytes and --max-pixels must be positive");
        }
        if (threads < 1 || queue < 0) {
            throw new IllegalArgumentException("--threads must be >= 1 and --queue >= 0, got " + threads + ", " + queue);
        }
        token = token.filter(t -> !t.isBlank());
        corsOrigin = corsOrigin.filter(o -> !o.isBlank());
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive");
        }
    }

    /** The defaults on {@code port}. */
    public static ServerConfig defaults(int port) {
        return new ServerConfig(DEFAULT_HOST, port, Optional.empty(), DEFAULT_MAX_BYTES,
                ImageDecoder.DEFAULT_MAX_PIXELS, Runtime.getRuntime().availableProcessors(), DEFAULT_QUEUE,
                Optional.empty(), DEFAULT_TIMEOUT);
    }

    public ServerConfig withToken(String value) {
        return new ServerConfig(host, port, Optional.ofNullable(value), maxBytes, maxPixels, threads, queue, corsOrigin,
                requestTimeout);
    }

    public ServerConfig withWorkers(int threadCount, int queueLength) {
        return new ServerConfig(host, port, token, maxBytes, maxPixels, threadCount, queueLength, corsOrigin,
                requestTimeout);
    }

    public ServerConfig withCorsOrigin(String origin) {
        return new ServerConfig(host, port, token, maxBytes, maxPixels, threads, queue, Optional.ofNullable(origin),
                requestTimeout);
    }
}
