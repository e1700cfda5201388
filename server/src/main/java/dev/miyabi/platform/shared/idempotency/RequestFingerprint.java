package dev.miyabi.platform.shared.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What makes two requests "the same request" for an idempotency key: the method, the path with its
 * query, and the body. A JSON body is compared by content — object members in any order and any
 * whitespace are the same request — any other body byte for byte. The result is a SHA-256 hex digest.
 */
final class RequestFingerprint {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private RequestFingerprint() {}

    static String of(String method, String path, @Nullable String query, @Nullable String contentType, byte[] body) {
        MessageDigest digest = sha256();
        digest.update(method.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        digest.update(path.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '?');
        digest.update((query == null ? "" : query).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        digest.update(canonicalBody(contentType, body));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] canonicalBody(@Nullable String contentType, byte[] body) {
        if (body.length == 0
                || contentType == null
                || !contentType.toLowerCase().contains("json")) {
            return body;
        }
        try {
            StringBuilder out = new StringBuilder(body.length);
            write(JSON.readTree(body), out);
            return out.toString().getBytes(StandardCharsets.UTF_8);
        } catch (JacksonException notJson) {
            // The handler will refuse it as malformed; compare such bodies byte for byte.
            return body;
        }
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            members.sort(Map.Entry.comparingByKey());
            out.append('{');
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(JSON.writeValueAsString(members.get(i).getKey())).append(':');
                write(members.get(i).getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(JSON.writeValueAsString(node));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
