package dev.miyabi.platform.orders;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.miyabi.platform.shared.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Why an order moved, as data: a stable {@link Kind} with its parameters, so clients word it in their
 * own language (ids behind links, amounts and times formatted for the reader), and the English sentence
 * the API has always shown as the timeline entry's {@code note} (kept for the CLI and older clients).
 *
 * <p>Parameter values are strings, numbers, lists of strings, or a money object {@code {amount,
 * currency}}; ids and instants travel as their strings. A parameter without a value is left out.
 */
public record TimelineNote(Kind kind, Map<String, Object> params, String text) {

    /** What happened; {@code value()} is the API's name (docs/api.md, "Orders", lists each kind's parameters). */
    public enum Kind {
        ORDER_PLACED,
        APPROVAL_REQUIRED,
        NO_APPROVAL_NEEDED,
        CHANGES_REQUESTED,
        INPUT_REVISED,
        APPROVED,
        REJECTED,
        APPROVAL_EXPIRED,
        PAID,
        AI_JOB_QUEUED,
        AI_JOB_COMPLETED,
        AI_JOB_FAILED,
        AI_JOB_CANCELLED,
        NO_GENERATION_INPUT,
        SEARCH_ACCESS_GRANTING,
        SEARCH_ACCESS_GRANTED,
        SEARCH_ACCESS_FAILED,
        ASSIGNED_TO_STAFF,
        TAKEN_ON_BY_STAFF,
        COMPLETED_BY_STAFF,
        CANCELLED,
        CAPTURED_AFTER_FAILURE_REFUNDED;

        @JsonValue
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Kind> parse(@Nullable String value) {
            return Arrays.stream(values())
                    .filter(kind -> kind.value().equals(value))
                    .findFirst();
        }
    }

    public TimelineNote {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static TimelineNote of(Kind kind, String text) {
        return new TimelineNote(kind, Map.of(), text);
    }

    /** This note with one more parameter; a null value leaves the note as it is. */
    public TimelineNote with(String name, @Nullable Object value) {
        if (value == null) {
            return this;
        }
        Map<String, Object> more = new LinkedHashMap<>(params);
        more.put(name, json(value));
        return new TimelineNote(kind, more, text);
    }

    private static Object json(Object value) {
        return switch (value) {
            case String s -> s;
            case BigDecimal decimal -> decimal.toPlainString();
            case Number number -> number;
            case UUID id -> id.toString();
            case Instant instant -> instant.toString();
            case Money money -> Map.of("amount", money.amount().toPlainString(), "currency", money.currency());
            case Collection<?> items ->
                List.copyOf(items.stream().map(String::valueOf).toList());
            default -> throw new IllegalArgumentException("Not a timeline parameter: " + value.getClass());
        };
    }
}
