package dev.miyabi.platform.approvals;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** An approver's decision. */
public enum Decision {
    APPROVE,
    REJECT,
    REQUEST_CHANGES;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Decision> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.value().equals(value)).findFirst();
    }

    public static String allowedValues() {
        return String.join(", ", Arrays.stream(values()).map(Decision::value).toList());
    }
}
