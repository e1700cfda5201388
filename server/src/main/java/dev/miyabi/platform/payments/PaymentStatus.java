package dev.miyabi.platform.payments;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a payment stands: {@code processing → succeeded | failed}, then {@code partially_refunded |
 * refunded}. A payment stays {@code processing} while the gateway's answer is unknown (a timeout, a
 * transient error); reconciliation settles it.
 */
public enum PaymentStatus {
    PROCESSING,
    SUCCEEDED,
    FAILED,
    PARTIALLY_REFUNDED,
    REFUNDED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Money was captured (and may since have been refunded, in part or in full). */
    public boolean isCaptured() {
        return this == SUCCEEDED || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }

    public static Optional<PaymentStatus> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
    }
}
