package dev.miyabi.platform.realtime.internal;

import dev.miyabi.platform.realtime.InstancePresence;
import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of {@code realtime_presence}: one row per running instance with its socket counts. */
@Repository
public class Presences {

    private final JdbcClient jdbc;

    public Presences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void report(String instanceId, long connections, long users) {
        jdbc.sql("""
                        INSERT INTO realtime_presence (instance_id, connections, users, reported_at)
                        VALUES (:instance, :connections, :users, now())
                        ON CONFLICT (instance_id) DO UPDATE
                        SET connections = excluded.connections, users = excluded.users, reported_at = now()
                        """)
                .param("instance", instanceId)
                .param("connections", connections)
                .param("users", users)
                .update();
    }

    /** Instances that reported within {@code freshness}, by instance id. */
    public List<InstancePresence> fresh(Duration freshness) {
        return jdbc.sql("""
                        SELECT instance_id, connections, users, reported_at FROM realtime_presence
                        WHERE reported_at > now() - CAST(:freshness AS INTERVAL)
                        ORDER BY instance_id
                        """)
                .param("freshness", freshness.toMillis() + " milliseconds")
                .query((rs, row) -> new InstancePresence(
                        rs.getString("instance_id"),
                        rs.getLong("connections"),
                        rs.getLong("users"),
                        rs.getTimestamp("reported_at").toInstant()))
                .list();
    }

    public void remove(String instanceId) {
        jdbc.sql("DELETE FROM realtime_presence WHERE instance_id = :instance")
                .param("instance", instanceId)
                .update();
    }

    /** Forgets instances that stopped without removing their row (killed) longer ago than {@code age}. */
    public int removeOlderThan(Duration age) {
        return jdbc.sql("DELETE FROM realtime_presence WHERE reported_at < now() - CAST(:age AS INTERVAL)")
                .param("age", age.toMillis() + " milliseconds")
                .update();
    }
}
