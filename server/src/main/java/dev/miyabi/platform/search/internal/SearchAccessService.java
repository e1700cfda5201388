package dev.miyabi.platform.search.internal;

import dev.miyabi.platform.search.SearchAccessGrant;
import dev.miyabi.platform.search.SearchAccessGranted;
import dev.miyabi.platform.shared.database.AdvisoryLocks;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Grants search access (once per order) and says who holds it. */
@Service
class SearchAccessService {

    private final SearchAccessGrants grants;
    private final SearchProperties settings;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SearchAccessService(
            SearchAccessGrants grants,
            SearchProperties settings,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            Clock clock) {
        this.grants = grants;
        this.settings = settings;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Grants {@code units} access periods for an order. A second grant for the same order returns the first
     * one. Grants of one user are serialised, so a new one starts when the running one ends.
     */
    @Transactional
    public SearchAccessGrant grant(
            UUID userId, @Nullable UUID orderId, @Nullable UUID productId, String plan, int units) {
        AdvisoryLocks.lockForTransaction(jdbc, "search-access:" + userId);
        if (orderId != null) {
            Optional<SearchAccessGrant> existing = grants.forOrder(orderId);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant starts = grants.lastExpiryAfter(userId, now).orElse(now);
        Instant expires = starts.plus(settings.accessPeriod().multipliedBy(Math.max(1, units)));
        SearchAccessGrant grant = new SearchAccessGrant(
                UUID.randomUUID(),
                userId,
                orderId,
                productId,
                plan.length() > 255 ? plan.substring(0, 255) : plan,
                now,
                starts,
                expires);
        grants.insert(grant);
        events.publishEvent(new SearchAccessGranted(grant));
        return grant;
    }

    /** Whether the user's search access runs now. */
    @Transactional(readOnly = true)
    public boolean hasAccess(UUID userId) {
        return grants.activeAt(userId, clock.instant()).isPresent();
    }
}
