package dev.deepfer.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small JDK HttpClient wrapper for the server tests. */
final class Http {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNDARY = "deepferTestBoundary7MA4YWxkTrZu0gW";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    Http(URI base) {
        this.base = base;
    }

    /** A response with its body as text, and as JSON when it parses. */
    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    }

    Reply get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    Reply postRaw(byte[] body, String contentType, String... headers) throws IOException, InterruptedException {
        return postRawTo("api/v1/recognize", body, contentType, headers);
    }

    Reply postRawTo(String path, byte[] body, String contentType, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    Reply postMultipart(String field, String filename, String partType, byte[] content)
            throws IOException, InterruptedException {
        return postMultipart("api/v1/recognize", field, filename, partType, content);
    }

    Reply postMultipart(String path, String field, String filename, String partType, byte[] content)
            throws IOException, InterruptedException {
        return send(request(path)
                .header("Content-Type", MULTIPART_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipartBody(field, filename, partType, content, true)))
                .build());
    }

    /** The {@code Content-Type} of {@link #multipartBody}. */
    static final String MULTIPART_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    /** One file part; without its closing boundary when {@code closed} is false (a truncated body). */
    static byte[] multipartBody(String field, String filename, String partType, byte[] content, boolean closed) {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + filename + "\"\r\nContent-Type: " + partType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = (closed ? "\r\n--" + BOUNDARY + "--\r\n" : "").getBytes(StandardCharsets.UTF_8);
        return TestImages.concat(head, content, tail);
    }

    Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r);
    }
}
