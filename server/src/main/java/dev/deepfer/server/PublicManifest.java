package dev.deepfer.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The manifest as {@code GET /api/v1/model} shows it: the same fields, but every absolute or
 * parent-relative file path (the training data's location, {@code --out} directories in the
 * recorded command) cut to its last segment, so the API does not tell callers how the machine
 * that made the bundle lays out its disks.
 */
final class PublicManifest {
    /** {@code /x}, {@code ~/x}, {@code ../x}, {@code C:\x}, optionally after {@code --option=}. */
    private static final Pattern PATH = Pattern.compile("^(--[\\w-]+=)?(/|~/|\\.\\./|[A-Za-z]:\\\\).*");

    private PublicManifest() {
    }

    static JsonNode of(JsonNode manifest) {
        return redact(manifest.deepCopy());
    }

    private static JsonNode redact(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.properties().forEach(e -> e.setValue(redact(e.getValue())));
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, redact(a.get(i)));
            }
        } else if (node.isTextual()) {
            return TextNode.valueOf(redactText(node.asText()));
        }
        return node;
    }

    /** Each whitespace-separated token that is a path becomes its last segment. */
    static String redactText(String text) {
        return Arrays.stream(text.split(" ", -1)).map(PublicManifest::redactToken).collect(Collectors.joining(" "));
    }

    private static String redactToken(String token) {
        if (!PATH.matcher(token).matches()) {
            return token;
        }
        int eq = token.startsWith("--") ? token.indexOf('=') + 1 : 0;
        String path = token.substring(eq).replaceAll("[/\\\\]+$", "");
        String last = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        return token.substring(0, eq) + (last.isEmpty() ? "…" : last);
    }
}
