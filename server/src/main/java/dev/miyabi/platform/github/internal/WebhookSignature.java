package dev.miyabi.platform.github.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/** GitHub's {@code X-Hub-Signature-256}: {@code sha256=} + hex HMAC-SHA256 of the raw body, compared in constant time. */
final class WebhookSignature {

    private final byte @Nullable [] secret;

    public WebhookSignature(@Nullable String secret) {
        this.secret = secret == null || secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
    }

    public boolean matches(@Nullable String header, byte[] body) {
        if (secret == null || header == null || !header.startsWith("sha256=")) {
            return false;
        }
        byte[] expected =
                ("sha256=" + HexFormat.of().formatHex(hmac(secret, body))).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, header.strip().getBytes(StandardCharsets.US_ASCII));
    }

    /** The header GitHub would send for {@code body} (tests and tools). */
    public static String sign(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    private static byte[] hmac(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
