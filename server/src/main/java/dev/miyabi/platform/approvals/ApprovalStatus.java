package dev.miyabi.platform.approvals;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where an approval request stands: {@code pending} until its last stage approves ({@code approved}), a stage rejects ({@code rejected}), an approver asks for changes ({@code changes_requested}, until the requester revises and it reopens), a stage times out with {@code onTimeout: reject} ({@code expired}), or its order is cancelled ({@code cancelled}). */
public enum ApprovalStatus {
    PENDING,
    APPROVED,
    REJECTED,
    CHANGES_REQUESTED,
    EXPIRED,
    CANCELLED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ApprovalStatus> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.value().equals(value)).findFirst();
    }

    public static String allowedValues() {
        return String.join(
                ", ", Arrays.stream(values()).map(ApprovalStatus::value).toList());
    }
}
