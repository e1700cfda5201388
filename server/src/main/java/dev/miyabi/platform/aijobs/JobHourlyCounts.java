package dev.miyabi.platform.aijobs;

import java.time.Instant;

/**
 * Jobs of one hour (UTC), for metrics: how many were created in it, and how many ended in it by their
 * current outcome ({@code completed_at}; a failed job retried by hand counts once it ends again).
 *
 * @param hour the start of the hour
 */
public record JobHourlyCounts(Instant hour, long created, long completed, long failed, long cancelled) {}
