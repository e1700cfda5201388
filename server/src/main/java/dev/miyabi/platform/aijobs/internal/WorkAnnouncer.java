package dev.miyabi.platform.aijobs.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sends the queue's PostgreSQL notifications ({@link JobQueue#CHANNEL}) after the commits that made work
 * claimable, coalesced: one statement at a time, carrying every type announced since the last one. A
 * burst of enqueues thus costs a few notifications instead of one serialized commit each; workers that
 * miss one still find the work at their next poll.
 */
final class WorkAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(WorkAnnouncer.class);

    private final JdbcClient jdbc;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean sending = new AtomicBoolean();

    WorkAnnouncer(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Notifies every instance that jobs of {@code type} may be claimed (soon, on another thread). */
    void announce(String type) {
        pending.add(type);
        if (sending.compareAndSet(false, true)) {
            Thread.ofVirtual().name("jobs-announcer").start(this::send);
        }
    }

    private void send() {
        try {
            while (true) {
                List<String> types = new ArrayList<>();
                for (String type : pending) {
                    if (pending.remove(type)) {
                        types.add(type);
                    }
                }
                if (types.isEmpty()) {
                    sending.set(false);
                    // An announcement made after the scan but before the flag was cleared is ours to send.
                    if (pending.isEmpty() || !sending.compareAndSet(false, true)) {
                        return;
                    }
                    continue;
                }
                jdbc.sql("SELECT pg_notify(:channel, type) FROM unnest(CAST(:types AS TEXT[])) AS t(type)")
                        .param("channel", JobQueue.CHANNEL)
                        .param("types", types.toArray(String[]::new))
                        .query(rs -> {});
            }
        } catch (RuntimeException e) {
            sending.set(false);
            log.warn("Could not notify other instances of new jobs; they find them at their next poll", e);
        }
    }
}
