package dev.miyabi.platform.payments;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A refund: {@code pending} until the gateway confirms it ({@code succeeded}) or refuses it ({@code failed}). */
public enum RefundStatus {
    PENDING,
    SUCCEEDED,
    FAILED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RefundStatus> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
    }
}
