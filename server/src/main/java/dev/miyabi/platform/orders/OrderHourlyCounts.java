package dev.miyabi.platform.orders;

import java.time.Instant;

/**
 * Orders of one hour (UTC), for metrics: how many were placed in it, and how many ended in it in each
 * final status (completed at {@code completedAt}, the others when they reached their status).
 *
 * @param hour the start of the hour
 */
public record OrderHourlyCounts(
        Instant hour, long created, long completed, long failed, long cancelled, long rejected) {}
