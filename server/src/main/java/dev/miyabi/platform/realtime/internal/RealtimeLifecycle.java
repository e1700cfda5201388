package dev.miyabi.platform.realtime.internal;

import dev.miyabi.platform.realtime.ClientEventSubscriber;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts following the event log once the application is ready (the schema migrated, every
 * subscriber created) and stops last on shutdown. Its phase is one below the default, so lifecycles
 * in the default phase (the state projection, which reads {@link EventDispatcher#position()} to
 * rebuild) start after the listener has taken its starting point, and stop before it.
 */
@Component
class RealtimeLifecycle implements SmartLifecycle {

    private final EventLogListener listener;
    private final EventDispatcher dispatcher;
    private final ObjectProvider<ClientEventSubscriber> subscribers;
    private volatile boolean running;

    RealtimeLifecycle(
            EventLogListener listener, EventDispatcher dispatcher, ObjectProvider<ClientEventSubscriber> subscribers) {
        this.listener = listener;
        this.dispatcher = dispatcher;
        this.subscribers = subscribers;
    }

    /** Just before the default phase, see the class comment. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1;

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public void start() {
        subscribers.orderedStream().forEach(dispatcher::add);
        listener.start();
        running = true;
    }

    @Override
    public void stop() {
        listener.stop();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
