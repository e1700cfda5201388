package dev.miyabi.platform.orders;

import dev.miyabi.platform.shared.Actor;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One step of an order's history: the status it reached, when, who moved it there and why. */
public record TimelineEntry(
        OrderStatus status,
        Instant at,
        Actor actor,
        @Nullable String note) {}
