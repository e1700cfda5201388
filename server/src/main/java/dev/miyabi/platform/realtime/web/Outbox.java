package dev.miyabi.platform.realtime.web;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;

/**
 * The bounded send queue of one connection, drained by the connection's writer thread. The
 * dispatcher only ever {@link #offer}s (never waits): a full queue means the client reads too
 * slowly, and the caller disconnects it. A connection's own thread (answers, replay) may {@link
 * #put} and wait for room, up to a limit.
 */
final class Outbox {

    /** Something to write: a text frame, or the close frame that ends the connection. */
    sealed interface Item {}

    record Text(String text) implements Item {}

    record Close(CloseStatus status) implements Item {}

    private final int capacity;
    private final long characterLimit;
    private final ArrayDeque<Item> items = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private long characters;
    private boolean closed;

    Outbox(int capacity, long characterLimit) {
        this.capacity = capacity;
        this.characterLimit = characterLimit;
    }

    /** Queues without waiting; false when the queue is full or closed. */
    boolean offer(String text) {
        lock.lock();
        try {
            if (closed || !hasRoomFor(text)) {
                return false;
            }
            add(new Text(text), text.length());
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Queues, waiting up to {@code timeout} for room; false when it timed out or the queue closed. */
    boolean put(String text, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (!closed && !hasRoomFor(text)) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = notFull.awaitNanos(nanos);
            }
            if (closed) {
                return false;
            }
            add(new Text(text), text.length());
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues the close frame after what is already queued, regardless of the limits, and accepts
     * nothing more.
     */
    void closeAfterPending(CloseStatus status) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            items.addLast(new Close(status));
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Drops everything queued and accepts nothing more. */
    void discard() {
        lock.lock();
        try {
            closed = true;
            items.clear();
            characters = 0;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The next item, waiting up to {@code timeout}; null when none came or the queue was discarded empty. */
    @Nullable
    Item poll(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (items.isEmpty()) {
                if (closed || nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            Item item = items.removeFirst();
            if (item instanceof Text(String text)) {
                characters -= text.length();
            }
            notFull.signalAll();
            return item;
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    private boolean hasRoomFor(String text) {
        // One message larger than the whole budget still goes through an empty queue.
        return items.size() < capacity && (items.isEmpty() || characters + text.length() <= characterLimit);
    }

    private void add(Item item, int length) {
        items.addLast(item);
        characters += length;
        notEmpty.signalAll();
    }
}
