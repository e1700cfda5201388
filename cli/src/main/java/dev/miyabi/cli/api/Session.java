package dev.miyabi.cli.api;

import java.time.Instant;

/**
 * What the client keeps per server: the signed-in account and its tokens. The password is never
 * kept.
 */
public record Session(String email, String accessToken, Instant accessTokenExpiresAt, String refreshToken) {

    /** True when the access token is expired or about to be (so a request would race its expiry). */
    boolean expiresWithin(java.time.Duration margin, Instant now) {
        return !accessTokenExpiresAt.isAfter(now.plus(margin));
    }
}
