package dev.miyabi.platform.shared.idempotency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a controller method honour the {@code Idempotency-Key} header with Stripe's semantics
 * (API.md, "Payments"): the first request with a key runs and its response is kept (≥ 24 h, per
 * user); the same key with the same request replays that response with {@code Idempotent-Replayed:
 * true}; the same key with a different request is refused with 422 {@code idempotency_key_reuse};
 * while the first is still running a second one gets 409 {@code idempotency_key_in_use}. A request
 * that ends in a 5xx keeps nothing, so a retry runs again.
 *
 * <p>Keys are scoped by the caller's identity ({@code Authentication#getName()}, the token's
 * subject); an unauthenticated request is not deduplicated.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Idempotent {

    /** When true, a request without the header is refused with 400 {@code idempotency_key_missing}. */
    boolean required() default false;
}
