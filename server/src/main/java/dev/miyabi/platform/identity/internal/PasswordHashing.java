package dev.miyabi.platform.identity.internal;

import dev.miyabi.platform.shared.TemporarilyUnavailable;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2 hashing, a few at a time. Each hash takes 19 MiB and tens of milliseconds of one core; a flood of
 * sign-ins would otherwise take all memory and CPU, and the database pool with it. At most one piece of
 * hashing work per core runs at once; a caller waits up to {@link #MAX_WAIT} for its turn, then gets 503
 * with {@code Retry-After}. Work that also reads or writes the database (a sign-in) does so in short
 * transactions of its own, never holding a connection while it hashes, so the sign-ins in progress use at
 * most one connection per core and a flood of them leaves the pool to everyone else.
 */
@Component
class PasswordHashing {

    static final Duration MAX_WAIT = Duration.ofSeconds(2);

    private final PasswordEncoder encoder;
    private final Semaphore permits = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

    PasswordHashing(PasswordEncoder encoder) {
        this.encoder = encoder;
    }

    String encode(String password) {
        return run(hasher -> hasher.encode(password));
    }

    /** Runs {@code work}, which hashes with the given encoder, in its turn. */
    <T> T run(Function<PasswordEncoder, T> work) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new TemporarilyUnavailable("Too many sign-ins at once; try again in a moment", Duration.ofSeconds(1));
        }
        try {
            return work.apply(encoder);
        } finally {
            permits.release();
        }
    }
}
