package dev.miyabi.platform.realtime.internal;

import dev.miyabi.platform.realtime.ClientEvent;
import dev.miyabi.platform.realtime.ClientEventSubscriber;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to the in-process subscribers, one event at a time: the log listener's thread and
 * {@code publishTransient} callers take turns under one lock, so a subscriber never sees two events
 * at once and sees logged events in the order the listener delivers them.
 */
public class EventDispatcher {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final List<ClientEventSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long position;
    private volatile long delivered;

    public EventDispatcher(List<ClientEventSubscriber> subscribers) {
        this.subscribers.addAll(subscribers);
    }

    void add(ClientEventSubscriber subscriber) {
        subscribers.add(subscriber);
    }

    /**
     * The highest logged id handed out (every lower id was handed out before it, or never committed). It moves before
     * the subscribers are called, so a WebSocket subscription that reads it while an event is being
     * handed out replays that event or receives it live, never neither.
     */
    public long position() {
        return position;
    }

    /**
     * The highest logged id whose delivery to every subscriber has finished (in order). A projection that
     * reads it knows that it has applied every event up to it — unlike {@link #position()}, which may name
     * an event the subscriber is about to receive.
     */
    public long delivered() {
        return delivered;
    }

    /**
     * Moves the position (and what counts as delivered) up to {@code id}: at the listener's start, and
     * past ids that turned out to have no event (rolled back).
     */
    void advanceTo(long id) {
        lock.lock();
        try {
            position = Math.max(position, id);
            delivered = Math.max(delivered, id);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Delivers one event. {@code inOrder} is false for transient events; only logged events, which
     * the listener delivers in id order, advance the position.
     */
    void dispatch(ClientEvent event, boolean inOrder) {
        lock.lock();
        try {
            if (inOrder) {
                position = Math.max(position, event.id());
            }
            for (ClientEventSubscriber subscriber : subscribers) {
                try {
                    subscriber.onClientEvent(event);
                } catch (RuntimeException e) {
                    log.error(
                            "Subscriber {} failed on event {} ({}); delivery goes on",
                            subscriber.getClass().getName(),
                            event.id(),
                            event.type(),
                            e);
                }
            }
            if (inOrder) {
                delivered = Math.max(delivered, event.id());
            }
        } finally {
            lock.unlock();
        }
    }
}
