package dev.miyabi.platform.payments.internal;

/**
 * The provider's answer is unknown or unusable: a timeout, a network error, 429, a 5xx, or a
 * configuration problem such as a rejected API key. Nothing can be concluded about the charge;
 * {@code retryable} says whether asking again right away may help. The message never contains
 * secrets or card data.
 */
class GatewayException extends RuntimeException {

    private final String reason;
    private final boolean retryable;

    public GatewayException(String reason, String message, boolean retryable) {
        super(message);
        this.reason = reason;
        this.retryable = retryable;
    }

    public GatewayException(String reason, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.retryable = retryable;
    }

    /** A short machine-readable reason: {@code timeout}, {@code network}, {@code rate_limited}, … */
    public String reason() {
        return reason;
    }

    public boolean retryable() {
        return retryable;
    }
}
