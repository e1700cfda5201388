package dev.miyabi.platform.github.internal;

import java.time.Instant;

/** The mirror is paused by a rate limit until {@link #until()}; nothing may be sent before then. */
class RateLimited extends RuntimeException {

    private final Instant until;

    RateLimited(Instant until) {
        super("GitHub rate limit: paused until " + until);
        this.until = until;
    }

    Instant until() {
        return until;
    }
}
