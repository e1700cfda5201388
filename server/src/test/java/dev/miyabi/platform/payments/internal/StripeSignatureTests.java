package dev.miyabi.platform.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StripeSignatureTests {

    private static final String SECRET = "whsec_unit";
    private static final byte[] BODY =
            "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private static final long T = NOW.getEpochSecond();

    private final StripeSignature verifier = new StripeSignature(List.of(SECRET), Duration.ofSeconds(300));

    @Test
    void theSignatureOfTheTimestampAndRawBodyWithTheSecretIsValid() {
        String header = "t=" + T + ",v1=" + StripeSignature.sign(SECRET, T, BODY);
        assertThatCode(() -> verifier.verify(header, BODY, NOW)).doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify(header, BODY, NOW.plusSeconds(300)))
                .doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify(header, BODY, NOW.minusSeconds(300)))
                .doesNotThrowAnyException();
    }

    @Test
    void theSignatureIsHmacSha256OfTimestampDotBodyInLowerCaseHex() {
        // Computed independently: printf '%s' '1700000000.{}' | openssl dgst -sha256 -hmac whsec_unit
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String expected = "e84181fd3d312f39b7161da7fde90de1b9409873554f6330ed96cc73662ea6c3";
        assertThat(StripeSignature.sign(SECRET, 1_700_000_000L, body)).isEqualTo(expected);
        assertThatCode(() ->
                        verifier.verify("t=1700000000,v1=" + expected, body, Instant.ofEpochSecond(1_700_000_000L)))
                .doesNotThrowAnyException();
    }

    @Test
    void anythingElseIsRefused() {
        String good = StripeSignature.sign(SECRET, T, BODY);
        refused(null);
        refused("");
        refused("t=" + T);
        refused("v1=" + good);
        refused("t=abc,v1=" + good);
        refused("t=" + T + ",v0=" + good);
        refused("t=" + T + ",v1=" + good.substring(0, 63) + (good.endsWith("0") ? "1" : "0"));
        refused("t=" + T + ",v1=" + good.substring(0, 62));
        refused("t=" + (T + 1) + ",v1=" + good);
        refused("t=" + T + ",v1=" + StripeSignature.sign("whsec_other", T, BODY));
        assertThatThrownBy(() -> verifier.verify(
                        "t=" + T + ",v1=" + good, "{\"id\":\"evt_2\"}".getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOf(StripeSignature.Invalid.class);
        assertThatThrownBy(() -> verifier.verify("t=" + T + ",v1=" + good, BODY, NOW.plusSeconds(301)))
                .isInstanceOf(StripeSignature.Invalid.class)
                .hasMessageContaining("tolerance");
        assertThatThrownBy(() -> verifier.verify("t=" + T + ",v1=" + good, BODY, NOW.minusSeconds(301)))
                .isInstanceOf(StripeSignature.Invalid.class);
    }

    @Test
    void oneMatchingV1AmongSeveralIsEnoughAndRolledSecretsBothWork() {
        String good = StripeSignature.sign(SECRET, T, BODY);
        assertThatCode(() -> verifier.verify(
                        "t=" + T + ",v1=" + "0".repeat(64) + ",v1=" + good + ",v0=" + "1".repeat(64), BODY, NOW))
                .doesNotThrowAnyException();
        StripeSignature rolling = new StripeSignature(List.of("whsec_new", SECRET), Duration.ofSeconds(300));
        assertThatCode(() -> rolling.verify("t=" + T + ",v1=" + good, BODY, NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void withoutASecretNothingIsValid() {
        StripeSignature none = new StripeSignature(List.of(), Duration.ofSeconds(300));
        assertThatThrownBy(() -> none.verify("t=" + T + ",v1=" + StripeSignature.sign(SECRET, T, BODY), BODY, NOW))
                .isInstanceOf(StripeSignature.Invalid.class);
    }

    private void refused(String header) {
        assertThatThrownBy(() -> verifier.verify(header, BODY, NOW)).isInstanceOf(StripeSignature.Invalid.class);
    }
}
