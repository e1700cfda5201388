package dev.miyabi.platform.approvals;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How many of a stage's approvers must approve: {@code any} one, {@code all}, or a {@code majority} (more than half). One rejection rejects an {@code any} or {@code all} stage; a {@code majority} stage is rejected once a majority can no longer approve. */
public enum ApprovalMode {
    ANY,
    ALL,
    MAJORITY;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ApprovalMode> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.value().equals(value)).findFirst();
    }

    public static String allowedValues() {
        return String.join(
                ", ", Arrays.stream(values()).map(ApprovalMode::value).toList());
    }
}
