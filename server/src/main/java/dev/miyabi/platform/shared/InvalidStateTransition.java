package dev.miyabi.platform.shared;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The resource's status forbids the change: 409 {@code invalid_state} naming the current status
 * ({@code currentStatus}) and, when the change is a move to another status, that one ({@code
 * requestedStatus}).
 */
public class InvalidStateTransition extends DomainConflict {

    private final String current;
    private final @Nullable String requested;

    public InvalidStateTransition(String current, @Nullable String requested, String detail) {
        super(ErrorCodes.INVALID_STATE, detail, states(current, requested));
        this.current = current;
        this.requested = requested;
    }

    /** A change the current status refuses (no status named as its target). */
    public InvalidStateTransition(String current, String detail) {
        this(current, null, detail);
    }

    public String current() {
        return current;
    }

    public @Nullable String requested() {
        return requested;
    }

    private static Map<String, Object> states(String current, @Nullable String requested) {
        Map<String, Object> states = new LinkedHashMap<>();
        states.put("currentStatus", current);
        if (requested != null) {
            states.put("requestedStatus", requested);
        }
        return states;
    }
}
