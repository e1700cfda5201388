package dev.miyabi.platform.approvals;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A stage of a request: {@code waiting} for the stages before it, {@code pending} while its approvers decide, then how it ended. */
public enum StageStatus {
    WAITING,
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

    public static Optional<StageStatus> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.value().equals(value)).findFirst();
    }

    public static String allowedValues() {
        return String.join(", ", Arrays.stream(values()).map(StageStatus::value).toList());
    }
}
