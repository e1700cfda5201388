package dev.miyabi.platform.state;

import java.util.List;
import java.util.Map;

/**
 * Counts by status and the newest items.
 *
 * @param counts per resource ({@code products}, {@code orders}, {@code aiJobs}, and {@code payments},
 *     {@code approvals} once their modules plug in a {@link BusinessCounts}): how many are in each status
 *     (every status present, zero included)
 * @param recentOrders the newest orders, newest first
 * @param recentJobs the newest AI jobs, newest first
 */
public record BusinessState(
        Map<String, Map<String, Long>> counts, List<RecentOrder> recentOrders, List<RecentJob> recentJobs) {

    public BusinessState {
        recentOrders = List.copyOf(recentOrders);
        recentJobs = List.copyOf(recentJobs);
    }
}
