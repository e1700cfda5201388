package dev.miyabi.platform.search;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A period of search access bought with an order.
 *
 * @param plan the product's name at order time (e.g. "Team search — 30 days")
 * @param grantedAt when the grant was made
 * @param startsAt when access starts: at once, or when the user's previous grant ends
 * @param expiresAt when access ends
 */
public record SearchAccessGrant(
        UUID id,
        UUID userId,
        @Nullable UUID orderId,
        @Nullable UUID productId,
        String plan,
        Instant grantedAt,
        Instant startsAt,
        Instant expiresAt) {}
