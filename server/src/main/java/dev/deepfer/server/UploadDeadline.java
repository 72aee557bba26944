package dev.deepfer.server;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

/**
 * The time an upload's body has to arrive in full: the request timeout plus the time its size
 * ({@code Content-Length}, or the upload limit for a chunked body) takes at
 * {@value #MIN_BYTES_PER_SECOND} bytes/s (half a megabit), so a 10 MiB photo on a slow uplink
 * still arrives while a trickle does not last. An upload holds one of the server's upload slots
 * while its body is read; a client that sends a byte now and then (each read waits at most Jetty's
 * idle timeout, but the reads never end) would hold it for ever, and a few such clients would shut
 * everyone else out with 503 {@code busy}. When the deadline passes before the body is read, the
 * connection is closed: the blocked read fails, the handler ends and the slot is free. Jetty's own
 * minimum data rate is not used: it is averaged from the first byte and checked on every read, so
 * it also refuses a small body that a busy server reads a moment after it arrived.
 */
final class UploadDeadline {
    /** The slowest upload rate the deadline allows for, in bytes per second. */
    static final long MIN_BYTES_PER_SECOND = 64 << 10;
    private static final ScheduledExecutorService TIMER = timer();
    private static final int READING = 0;
    private static final int READ = 1;
    private static final int EXPIRED = 2;

    private final AtomicInteger state = new AtomicInteger(READING);
    private final Duration allowed;
    private final ScheduledFuture<?> timer;

    private UploadDeadline(HttpServletRequest request, Duration allowed) {
        this.allowed = allowed;
        EndPoint endPoint = ServletContextRequest.getServletContextRequest(request).getServletChannel().getEndPoint();
        timer = TIMER.schedule(() -> {
            if (state.compareAndSet(READING, EXPIRED)) {
                endPoint.close();
            }
        }, allowed.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One daemon thread; a cancelled deadline leaves its queue at once (it holds the connection). */
    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "deepfer-upload-deadline");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /**
     * Starts the clock on {@code request}'s body: {@code timeout} plus its declared size (else
     * {@code maxBytes}) at {@link #MIN_BYTES_PER_SECOND}.
     */
    static UploadDeadline start(HttpServletRequest request, Duration timeout, long maxBytes) {
        long declared = request.getContentLengthLong();
        long bytes = declared >= 0 ? Math.min(declared, maxBytes + UploadHandler.MULTIPART_ALLOWANCE) : maxBytes;
        return new UploadDeadline(request, timeout.plusMillis(1000 * bytes / MIN_BYTES_PER_SECOND));
    }

    /**
     * Stops the clock: the body has been read, or reading it failed. Returns false when the deadline
     * had passed first (the connection is closed, so whatever the read gave is not to be used).
     */
    boolean stop() {
        timer.cancel(false);
        return state.compareAndSet(READING, READ) || state.get() == READ;
    }

    /** The refusal logged for an upload whose deadline passed (its client has no connection to read it on). */
    static ApiError expired(UploadDeadline deadline) {
        return new ApiError(408, "upload_timeout", "the upload's body did not arrive within "
                + deadline.allowed.toMillis() / 1000.0 + " s; the connection was closed");
    }
}
