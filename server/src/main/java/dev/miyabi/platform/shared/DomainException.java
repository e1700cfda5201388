package dev.miyabi.platform.shared;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rule of the domain refused a change; nothing was changed. Aggregates and services throw a subclass
 * named for the rule and know nothing of HTTP: the one exception handler turns a {@link NotPermitted}
 * into 403 and a {@link DomainConflict} into 409, as an RFC 9457 problem with {@link #code()} and {@link
 * #properties()}.
 */
public abstract sealed class DomainException extends RuntimeException permits NotPermitted, DomainConflict {

    private final String code;
    private final Map<String, Object> properties;

    protected DomainException(String code, String detail, Map<String, ?> properties) {
        super(detail);
        this.code = code;
        this.properties = new LinkedHashMap<>(properties);
    }

    /** The stable error code of the API contract, e.g. {@code invalid_state}. */
    public String code() {
        return code;
    }

    /** Extra members of the problem, e.g. {@code currentStatus}. */
    public Map<String, Object> properties() {
        return properties;
    }
}
