/**
 * State: {@link dev.miyabi.platform.state.CompositeServiceState}, the live, versioned projection of agent,
 * business and user state that {@link dev.miyabi.platform.state.StateManager} rebuilds from PostgreSQL at
 * start and keeps current from the client events of the realtime log ({@code GET /api/state}, {@code
 * state.updated}); and the metrics summary ({@code GET /api/admin/metrics/summary}) computed in SQL from
 * the tables and the persisted API latency histograms.
 *
 * <p>Extension points: {@link dev.miyabi.platform.state.BusinessCounts} (counts by status of one more
 * resource type; products, orders, AI jobs, payments and approvals are counted by adapters in {@code
 * internal}) and {@link dev.miyabi.platform.state.PaymentStatistics} (payment outcomes for the metrics
 * summary, adapted from the payments module).
 */
@ApplicationModule(
        displayName = "State",
        allowedDependencies = {
            "shared",
            "identity",
            "realtime",
            "orders",
            "aijobs",
            "agents",
            "catalog",
            "payments",
            "approvals"
        })
@NullMarked
package dev.miyabi.platform.state;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
