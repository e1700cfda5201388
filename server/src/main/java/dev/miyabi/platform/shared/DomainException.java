package dev.miyabi.platform.shared;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A rule of the domain refused a request; nothing was changed. Aggregates and services throw one of the
 * kinds below (or a subclass named for the rule) and know nothing of HTTP: the one exception handler
 * maps each kind to its status and writes an RFC 9457 problem with {@link #code()}, {@link #errors()}
 * and {@link #properties()}.
 *
 * <ul>
 *   <li>{@link NotAuthenticated}: who is asking is not known (401)
 *   <li>{@link NotPermitted}: the user may not do this (403)
 *   <li>{@link DomainConflict}: the resource's current state refuses it (409)
 *   <li>{@link TooLarge}: the content is larger than a limit (413)
 *   <li>{@link UnsupportedContent}: the content is of a kind that is not accepted (415)
 *   <li>{@link NotProcessable}: the request is understood, but what it carries cannot be used (422)
 *   <li>{@link LimitReached}: a quota or rate is used up until {@link #retryAfter()} (429)
 *   <li>{@link TemporarilyUnavailable}: the platform cannot take it right now (503)
 * </ul>
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotAuthenticated,
                NotPermitted,
                DomainConflict,
                TooLarge,
                UnsupportedContent,
                NotProcessable,
                LimitReached,
                TemporarilyUnavailable {

    private final String code;
    private final List<FieldViolation> errors;
    private final Map<String, Object> properties;
    private final @Nullable Duration retryAfter;

    protected DomainException(String code, String detail, Map<String, ?> properties) {
        this(code, detail, List.of(), properties, null);
    }

    protected DomainException(
            String code,
            String detail,
            List<FieldViolation> errors,
            Map<String, ?> properties,
            @Nullable Duration retryAfter) {
        super(detail);
        this.code = code;
        this.errors = List.copyOf(errors);
        this.properties = new LinkedHashMap<>(properties);
        this.retryAfter = retryAfter;
    }

    /** The stable error code of the API contract, e.g. {@code invalid_state}. */
    public String code() {
        return code;
    }

    /** The broken field rules, listed as the problem's {@code errors[]}; empty when none. */
    public List<FieldViolation> errors() {
        return errors;
    }

    /** Extra members of the problem, e.g. {@code currentStatus}. */
    public Map<String, Object> properties() {
        return properties;
    }

    /** When asking again may succeed; null when that is not known. */
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
