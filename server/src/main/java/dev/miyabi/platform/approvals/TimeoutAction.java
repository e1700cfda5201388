package dev.miyabi.platform.approvals;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What happens to a stage nobody decided within its {@code timeoutHours}: {@code escalate} to the admins (once), or {@code reject} (the request expires). */
public enum TimeoutAction {
    ESCALATE,
    REJECT;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TimeoutAction> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.value().equals(value)).findFirst();
    }

    public static String allowedValues() {
        return String.join(
                ", ", Arrays.stream(values()).map(TimeoutAction::value).toList());
    }
}
