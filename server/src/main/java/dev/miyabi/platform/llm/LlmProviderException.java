package dev.miyabi.platform.llm;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A provider request failed; {@link #retryable()} says whether trying again may help. */
public class LlmProviderException extends RuntimeException {

    public enum Reason {
        /** 429: the provider asks to slow down (see {@link #retryAfter()}). */
        RATE_LIMITED(true),
        /** 5xx, including 529 "overloaded". */
        SERVER_ERROR(true),
        /** Connection refused, reset, DNS failure. */
        NETWORK(true),
        /** No answer within the configured timeout. */
        TIMEOUT(true),
        /** The server answered 2xx with something that is not its API's response. */
        BAD_RESPONSE(true),
        /** 400, 401, 403, 404 and other refusals that the same request would meet again. */
        REJECTED(false);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }
    }

    private final String provider;
    private final Reason reason;
    private final int status;
    private final @Nullable Duration retryAfter;

    public LlmProviderException(
            String provider,
            Reason reason,
            int status,
            @Nullable Duration retryAfter,
            String message,
            @Nullable Throwable cause) {
        super(message, cause);
        this.provider = provider;
        this.reason = reason;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public String provider() {
        return provider;
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status, or 0 when there was no HTTP response. */
    public int status() {
        return status;
    }

    /** How long the server asked to wait ({@code Retry-After}), if it said so. */
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }

    public boolean retryable() {
        return reason.retryable;
    }
}
