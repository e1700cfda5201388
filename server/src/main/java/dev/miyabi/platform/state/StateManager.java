package dev.miyabi.platform.state;

/**
 * Keeps the {@link CompositeServiceState} of this instance: rebuilt from PostgreSQL at start, then
 * updated from every client event of the realtime log as it arrives (counts move by each event's status
 * change, recent items and the task queue take the event's resource), recounted from SQL every {@code
 * miyabi.state.resync-interval} and whenever an event cannot be applied exactly. Admins receive it as
 * {@code state.updated} at most every {@code miyabi.state.publish-interval}.
 */
public interface StateManager {

    /** The latest state: a lock-free read of an immutable snapshot. */
    CompositeServiceState current();
}
