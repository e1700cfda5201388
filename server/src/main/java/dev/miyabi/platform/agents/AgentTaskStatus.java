package dev.miyabi.platform.agents;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A task on the board: {@code submitted → working → completed | failed | cancelled}. */
public enum AgentTaskStatus {
    SUBMITTED,
    WORKING,
    COMPLETED,
    FAILED,
    CANCELLED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Submitted or working: the task may still change by itself and may be cancelled. */
    public boolean isOpen() {
        return this == SUBMITTED || this == WORKING;
    }

    public static Optional<AgentTaskStatus> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
    }
}
