package dev.miyabi.platform.payments.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a {@code Stripe-Signature} header exactly as Stripe specifies it: {@code t=<unix
 * seconds>,v1=<hex>[,v1=<hex>…][,v0=…]}; the expected signature is HMAC-SHA256 with the endpoint's
 * secret over {@code "<t>.<raw body>"}; it must equal one of the {@code v1} values (compared in constant
 * time; other schemes are ignored) and {@code t} must be within the tolerance of now, either way. Several
 * secrets may be configured while one is rolled.
 */
final class StripeSignature {

    /** Why a signature was refused; the message is safe to show the caller. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    private final List<byte[]> secrets;
    private final Duration tolerance;

    public StripeSignature(List<String> secrets, Duration tolerance) {
        this.secrets =
                secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        this.tolerance = tolerance;
    }

    public void verify(@Nullable String header, byte[] body, Instant now) throws Invalid {
        if (secrets.isEmpty()) {
            throw new Invalid("No webhook signing secret is configured, so no signature can be valid");
        }
        if (header == null || header.isBlank()) {
            throw new Invalid("The Stripe-Signature header is missing");
        }
        Long timestamp = null;
        List<String> candidates = new ArrayList<>();
        for (String part : header.split(",")) {
            int equals = part.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String key = part.substring(0, equals).strip();
            String value = part.substring(equals + 1).strip();
            if (key.equals("t")) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new Invalid("The signature's timestamp is not a number");
                }
            } else if (key.equals("v1")) {
                candidates.add(value);
            }
        }
        if (timestamp == null) {
            throw new Invalid("The Stripe-Signature header has no timestamp (t=)");
        }
        if (candidates.isEmpty()) {
            throw new Invalid("The Stripe-Signature header has no v1 signature");
        }
        boolean matched = false;
        for (byte[] secret : secrets) {
            byte[] expected =
                    HexFormat.of().formatHex(hmac(secret, timestamp, body)).getBytes(StandardCharsets.US_ASCII);
            for (String candidate : candidates) {
                // Every candidate is compared (no early exit), each in constant time.
                matched |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (!matched) {
            throw new Invalid("No v1 signature matches the body");
        }
        long age = Math.abs(now.getEpochSecond() - timestamp);
        if (age > tolerance.toSeconds()) {
            throw new Invalid("The signature's timestamp is outside the tolerance of " + tolerance.toSeconds() + " s");
        }
    }

    /** The {@code v1} signature of a body at a timestamp (for tests and tools that sign like Stripe). */
    public static String sign(String secret, long timestamp, byte[] body) {
        return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), timestamp, body));
    }

    private static byte[] hmac(byte[] secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
