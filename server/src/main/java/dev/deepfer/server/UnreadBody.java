package dev.deepfer.server;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/**
 * What to do with an upload that a refusal answers before reading (a bad query parameter, a
 * missing token, a model still loading): read and discard it when it is within the upload limit, so
 * that the connection stays usable, and otherwise tell the client the connection closes.
 *
 * <p>Answering early and leaving the body unread makes Jetty drop the connection after the answer
 * unless the rest of the body had already arrived. A client that has already pooled the connection
 * then fails its next request ("header parser received no bytes" in the JDK client), and closing a
 * socket with unread bytes may reset the answer itself (RFC 9112, section 9.6).
 */
final class UnreadBody {
    private static final int BUFFER = 64 << 10;

    private UnreadBody() {
    }

    /** Drains the body of {@code ctx} up to {@code limit} bytes or marks the answer {@code Connection: close}. */
    static void finish(Context ctx, long limit) {
        HttpServletRequest req = ctx.req();
        long declared = req.getContentLengthLong();
        boolean hasBody = declared > 0 || req.getHeader("Transfer-Encoding") != null;
        if (!hasBody) {
            return;
        }
        if (declared > limit || !drained(req, limit)) {
            ctx.header("Connection", "close");
        }
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
