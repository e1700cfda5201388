package dev.miyabi.platform.realtime;

/**
 * An in-process consumer of client events (the WebSocket layer; the state projection). Every bean
 * implementing it is called for every event this instance sees — appended here or on any other
 * instance — one event at a time, in id order, on the realtime dispatcher thread.
 *
 * <p>Implementations must be quick and must not block (hand slow work to another thread): the
 * dispatcher serves all subscribers in turn. An exception is logged and does not stop delivery to
 * the other subscribers or of later events.
 *
 * <p>Order: logged events are delivered in increasing id order, each once, and none is skipped: an
 * event whose transaction commits after a later id's is delivered before it (the later one waits);
 * see {@code docs/decisions/0003-client-event-log.md}.
 */
@FunctionalInterface
public interface ClientEventSubscriber {

    void onClientEvent(ClientEvent event);
}
