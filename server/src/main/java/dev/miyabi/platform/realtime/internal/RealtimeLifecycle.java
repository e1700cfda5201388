package dev.miyabi.platform.realtime.internal;

import dev.miyabi.platform.realtime.ClientEventSubscriber;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts following the event log once the application is ready (the schema migrated, every
 * subscriber created) and stops first on shutdown.
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
