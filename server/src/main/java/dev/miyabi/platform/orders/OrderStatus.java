package dev.miyabi.platform.orders;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an order stands: {@code pending → awaiting_approval → awaiting_payment → paid → fulfilling →
 * completed}, with the side exits {@code rejected}, {@code cancelled} and {@code failed}. Which
 * transition is legal from where is decided by the order itself (each transition is a method of the
 * aggregate).
 */
public enum OrderStatus {
    PENDING,
    AWAITING_APPROVAL,
    AWAITING_PAYMENT,
    PAID,
    FULFILLING,
    COMPLETED,
    REJECTED,
    CANCELLED,
    FAILED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** No transition leaves a terminal status. */
    public boolean isTerminal() {
        return this == COMPLETED || this == REJECTED || this == CANCELLED || this == FAILED;
    }

    /** Nothing has been paid yet: the customer may still cancel on their own. */
    public boolean isBeforePayment() {
        return this == PENDING || this == AWAITING_APPROVAL || this == AWAITING_PAYMENT;
    }

    public static Optional<OrderStatus> parse(String value) {
        return Arrays.stream(values())
                .filter(status -> status.value().equals(value))
                .findFirst();
    }

    public static String allowedValues() {
        return String.join(", ", Arrays.stream(values()).map(OrderStatus::value).toList());
    }
}
