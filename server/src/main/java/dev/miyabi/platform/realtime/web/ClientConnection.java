package dev.miyabi.platform.realtime.web;

import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.realtime.ClientEvent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One {@code /ws} connection: who it is, what it subscribed to, and its bounded send queue with the
 * virtual thread that writes it. The dispatcher thread calls {@link #deliver} and never waits; the
 * connection's own message thread answers and replays.
 */
final class ClientConnection {

    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);
    private static final Duration WRITER_IDLE_CHECK = Duration.ofSeconds(30);

    private final WebSocketSession session;
    private final Outbox outbox;
    private final Duration putTimeout;
    private final int bufferLimit;
    private final Consumer<String> onDisconnectReason;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Thread writer;

    private volatile @Nullable CurrentUser user;
    private volatile @Nullable Instant expiresAt;
    private volatile Map<String, Subscription> topics = Map.of();
    private volatile @Nullable ScheduledFuture<?> authDeadline;
    private volatile @Nullable ScheduledFuture<?> expiry;

    /** Events that arrived while a replay was being read; guarded by {@code this}. */
    private @Nullable List<ClientEvent> buffered;

    ClientConnection(
            WebSocketSession session,
            int queueCapacity,
            long characterLimit,
            Duration putTimeout,
            int bufferLimit,
            Consumer<String> onDisconnectReason) {
        this.session = session;
        this.outbox = new Outbox(queueCapacity, characterLimit);
        this.putTimeout = putTimeout;
        this.bufferLimit = bufferLimit;
        this.onDisconnectReason = onDisconnectReason;
        this.writer = Thread.ofVirtual().name("ws-writer-" + session.getId()).unstarted(this::write);
    }

    void start() {
        writer.start();
    }

    String id() {
        return session.getId();
    }

    @Nullable
    CurrentUser user() {
        return user;
    }

    @Nullable
    Instant expiresAt() {
        return expiresAt;
    }

    void authenticated(CurrentUser user, Instant expiresAt) {
        this.user = user;
        this.expiresAt = expiresAt;
    }

    boolean isAuthenticated() {
        return user != null;
    }

    /**
     * A subscribed topic. Logged events up to {@code floor} are not sent live: the client said it
     * has them ({@code lastEventId}) or the replay sent them.
     */
    record Subscription(Topic topic, long floor) {

        boolean matches(ClientEvent event) {
            return topic.matches(event) && (!event.persistent() || event.id() > floor);
        }
    }

    Map<String, Subscription> topics() {
        return topics;
    }

    void setAuthDeadline(ScheduledFuture<?> deadline) {
        authDeadline = deadline;
    }

    void cancelAuthDeadline() {
        ScheduledFuture<?> deadline = authDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    void setExpiry(ScheduledFuture<?> future) {
        ScheduledFuture<?> previous = expiry;
        expiry = future;
        if (previous != null) {
            previous.cancel(false);
        }
    }

    // --- subscriptions -------------------------------------------------------------------------

    /**
     * Adds topics (those already subscribed keep their state); when {@code replay} is true, live
     * events are held back until {@link #endReplay}.
     */
    synchronized void subscribe(List<Topic> added, long floor, boolean replay) {
        Map<String, Subscription> next = new LinkedHashMap<>(topics);
        added.forEach(topic -> next.putIfAbsent(topic.name(), new Subscription(topic, floor)));
        topics = Map.copyOf(next);
        if (replay) {
            buffered = new ArrayList<>();
        }
    }

    synchronized List<String> unsubscribe(List<String> names) {
        Map<String, Subscription> next = new LinkedHashMap<>(topics);
        List<String> removed = new ArrayList<>();
        for (String name : names) {
            Topic topic = Topic.parse(name).orElse(null);
            String key = topic == null ? name : topic.name();
            if (next.remove(key) != null) {
                removed.add(key);
            }
        }
        topics = Map.copyOf(next);
        return removed;
    }

    /**
     * Ends a replay: queues the events that arrived meanwhile, except those the replay already
     * sent. Returns false when the connection had to be dropped as too slow.
     */
    boolean endReplay(Set<Long> replayed, Function<ClientEvent, String> render) {
        List<ClientEvent> pending;
        synchronized (this) {
            pending = buffered == null ? List.of() : buffered;
            buffered = null;
            // New live events go straight to the queue from here on; these go first.
            for (ClientEvent event : pending) {
                if (event.persistent() && replayed.contains(event.id())) {
                    continue;
                }
                if (!outbox.offer(render.apply(event))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Called by the dispatcher for every event: queues it when this connection subscribed to it and
     * may see it. Never waits. Returns false when the queue overflowed (the caller disconnects).
     */
    boolean deliver(ClientEvent event, Supplier<String> text) {
        CurrentUser current = user;
        if (current == null || closing.get() || !matches(event) || !event.isVisibleTo(current)) {
            return true;
        }
        synchronized (this) {
            if (buffered != null) {
                buffered.add(event);
                return buffered.size() <= bufferLimit;
            }
            return outbox.offer(text.get());
        }
    }

    boolean matches(ClientEvent event) {
        for (Subscription subscription : topics.values()) {
            if (subscription.matches(event)) {
                return true;
            }
        }
        return false;
    }

    // --- sending and closing ---------------------------------------------------------------------

    /** Queues without waiting (heartbeats); false when the queue is full. */
    boolean offer(String text) {
        return outbox.offer(text);
    }

    /**
     * Queues an answer from the connection's own thread, waiting for room; a client that does not
     * make room within the send timeout is dropped.
     */
    boolean send(String text) {
        try {
            if (outbox.put(text, putTimeout)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!outbox.isClosed()) {
            closeNow(RealtimeCloseStatus.SLOW_CONSUMER);
        }
        return false;
    }

    /** Sends what is queued (e.g. an {@code error}), then the close frame. */
    void closeAfterPending(CloseStatus status) {
        if (closing.compareAndSet(false, true)) {
            onDisconnectReason.accept(RealtimeCloseStatus.reason(status));
            outbox.closeAfterPending(status);
        }
    }

    /**
     * Drops the queue and closes at once, on a thread of its own: the writer may be stuck in a
     * write to a client that does not read, and the caller (the dispatcher) must not wait for it.
     * The close frame follows the message being written, if the client takes it within the send
     * timeout; otherwise the container drops the TCP connection.
     */
    void closeNow(CloseStatus status) {
        if (closing.compareAndSet(false, true)) {
            onDisconnectReason.accept(RealtimeCloseStatus.reason(status));
            outbox.discard();
            Thread.ofVirtual().name("ws-close-" + session.getId()).start(() -> closeSession(status));
        }
    }

    /** After the connection closed: stop the writer and the timers. */
    void dispose() {
        closing.set(true);
        outbox.discard();
        cancelAuthDeadline();
        ScheduledFuture<?> future = expiry;
        if (future != null) {
            future.cancel(false);
        }
        writer.interrupt();
    }

    boolean isClosing() {
        return closing.get();
    }

    private void write() {
        try {
            while (true) {
                Outbox.Item item = outbox.poll(WRITER_IDLE_CHECK);
                if (item == null) {
                    if (outbox.isClosed() || !session.isOpen()) {
                        return;
                    }
                    continue;
                }
                switch (item) {
                    case Outbox.Text(String text) -> session.sendMessage(new TextMessage(text));
                    case Outbox.Close(CloseStatus status) -> {
                        closeSession(status);
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // The client went away, or a write blocked past the send timeout: it does not read.
            log.debug("Write to WebSocket {} failed: {}", session.getId(), e.getMessage());
            if (!closing.get() && session.isOpen()) {
                closeNow(RealtimeCloseStatus.SEND_TIMEOUT);
            }
        }
    }

    private void closeSession(CloseStatus status) {
        try {
            if (session.isOpen()) {
                session.close(status);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Closing WebSocket {} with {} failed: {}", session.getId(), status, e.getMessage());
        }
    }
}
