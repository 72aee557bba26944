package dev.deepfer.server;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * What to do with an upload that a refusal answers before reading (a bad query parameter, a
 * missing token, a model still loading, no free upload slot): read and discard a small body that
 * arrives promptly, so that the connection stays usable, and otherwise tell the client the
 * connection closes.
 *
 * <p>Answering early and leaving the body unread makes Jetty drop the connection after the answer
 * unless the rest of the body had already arrived. A client that has already pooled the connection
 * then fails its next request ("header parser received no bytes" in the JDK client), and closing a
 * socket with unread bytes may reset the answer itself (RFC 9112, section 9.6).
 *
 * <p>Draining is bounded, because a refused request holds a server thread and no upload slot while
 * it drains: at most {@value #DRAIN_LIMIT} bytes, within {@link #DRAIN_TIME} plus their time at
 * {@link UploadDeadline#MIN_BYTES_PER_SECOND} (then the connection is closed). A larger body, or one
 * sent with {@code Expect: 100-continue} (reading it would invite the client to send what is thrown
 * away), is not read at all. Without these bounds, clients without a token declaring 10 MB and
 * sending a byte now and then held a thread each for as long as they liked.
 */
final class UnreadBody {
    private static final int BUFFER = 64 << 10;
    /** The largest body a refusal reads to keep the connection: a photo's size, not the upload limit. */
    static final long DRAIN_LIMIT = 1 << 20;
    /** The time a refusal waits for the rest of a small body, on top of its size at the slowest allowed rate. */
    static final Duration DRAIN_TIME = Duration.ofSeconds(2);

    private UnreadBody() {
    }

    /** Drains the body of {@code ctx} within the bounds above or marks the answer {@code Connection: close}. */
    static void finish(Context ctx) {
        HttpServletRequest req = ctx.req();
        long declared = req.getContentLengthLong();
        boolean hasBody = declared > 0 || req.getHeader("Transfer-Encoding") != null;
        if (!hasBody) {
            return;
        }
        String expect = req.getHeader("Expect");
        if (declared > DRAIN_LIMIT || (expect != null && expect.equalsIgnoreCase("100-continue"))
                || !drainedInTime(req)) {
            ctx.header("Connection", "close");
        }
    }

    private static boolean drainedInTime(HttpServletRequest req) {
        UploadDeadline deadline = UploadDeadline.start(req, DRAIN_TIME, DRAIN_LIMIT);
        boolean drained = false;
        try {
            drained = drained(req, DRAIN_LIMIT);
        } finally {
            drained &= deadline.stop();
        }
        return drained;
    }

    /** Reads what is left of the body; true when it ended within {@code limit} bytes. */
    private static boolean drained(HttpServletRequest req, long limit) {
        try {
            InputStream in = req.getInputStream();
            byte[] buffer = new byte[BUFFER];
            long read = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                read += n;
                if (read > limit) {
                    return false;
                }
            }
            return true;
        } catch (IOException | IllegalStateException e) {
            // IllegalStateException: the body was taken as a reader, or the stream is gone
            return false;
        }
    }
}
