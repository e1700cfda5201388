package dev.miyabi.platform.orders.internal;

import dev.miyabi.platform.orders.OrderStatus;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Filters of the order listing; null means "any". Customers always list with their own user id. */
record OrderFilter(@Nullable UUID userId, @Nullable OrderStatus status) {}
