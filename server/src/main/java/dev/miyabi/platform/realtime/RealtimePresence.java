package dev.miyabi.platform.realtime;

import java.util.List;

/**
 * Who is connected to {@code /ws}: on this instance now, and on every running instance as each last
 * reported it (every {@code miyabi.realtime.presence-interval}, 10 s, into {@code realtime_presence}).
 * The state projection reads it for {@code userState}.
 */
public interface RealtimePresence {

    /** This instance's name (host, process id and a random suffix); unique per start. */
    String instanceId();

    /** This instance's open connections and authenticated users, counted now. */
    InstancePresence local();

    /**
     * Every instance that reported within three intervals, this one with its current figures, ordered by
     * instance id. Stopped instances drop out (a clean stop deletes its record at once).
     */
    List<InstancePresence> cluster();
}
