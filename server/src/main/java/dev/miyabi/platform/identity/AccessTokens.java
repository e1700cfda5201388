package dev.miyabi.platform.identity;

import java.time.Instant;
import java.util.Optional;

/**
 * Verifies an access token where it does not come in an {@code Authorization} header (the WebSocket), with
 * the same rules as every HTTP request: signature, issuer, audience and expiry, a user that exists, and the
 * privileged roles (admin, approver) as the database holds them now rather than as the token claims them.
 */
public interface AccessTokens {

    /** The caller the token names and when the token expires; empty when the token is refused. */
    Optional<VerifiedAccess> verify(String token);

    /** A verified access token: its caller (with the roles that caller holds) and its expiry. */
    record VerifiedAccess(CurrentUser user, Instant expiresAt) {}
}
