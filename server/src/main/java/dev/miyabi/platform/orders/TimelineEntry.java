package dev.miyabi.platform.orders;

import dev.miyabi.platform.shared.Actor;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One step of an order's history: the status it reached, when, who moved it there and why — as the
 * English {@code note} and as data ({@code kind} with its {@code params}, see {@link TimelineNote}).
 *
 * @param kind null for entries recorded before notes were kept as data (their {@code note} says it)
 * @param params the kind's parameters; empty when there are none
 */
public record TimelineEntry(
        OrderStatus status,
        Instant at,
        Actor actor,
        @Nullable String note,
        TimelineNote.@Nullable Kind kind,
        Map<String, Object> params) {

    public TimelineEntry {
        params = Map.copyOf(params);
    }

    public static TimelineEntry of(OrderStatus status, Instant at, Actor actor, @Nullable TimelineNote note) {
        return note == null
                ? new TimelineEntry(status, at, actor, null, null, Map.of())
                : new TimelineEntry(status, at, actor, note.text(), note.kind(), note.params());
    }
}
