package dev.deepfer.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The API's OpenAPI 3 document, a hand-written resource ({@code openapi.json} beside this class's
 * package in the jar) served at {@value #PATH} without a token: it describes the API, it does not
 * use it. {@code DeepferServerTest} checks that it names every route the server has.
 */
final class OpenApi {
    static final String PATH = "/api/openapi.json";
    private static final String RESOURCE = "/openapi.json";

    private OpenApi() {
    }

    private static final class Holder {
        static final String DOCUMENT = load();
    }

    static String document() {
        return Holder.DOCUMENT;
    }

    private static String load() {
        try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the server jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
