package dev.miyabi.platform.search.internal;

import dev.miyabi.platform.search.SearchAccessGrant;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table {@code search_access}. */
@Repository
class SearchAccessGrants {

    private static final String COLUMNS = "id, user_id, order_id, product_id, plan, granted_at, starts_at, expires_at";

    private final JdbcClient jdbc;

    SearchAccessGrants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(SearchAccessGrant grant) {
        jdbc.sql("""
                        INSERT INTO search_access (id, user_id, order_id, product_id, plan, granted_at, starts_at,
                            expires_at)
                        VALUES (:id, :user, :order, :product, :plan, :granted, :starts, :expires)
                        """)
                .param("id", grant.id())
                .param("user", grant.userId())
                .param("order", grant.orderId())
                .param("product", grant.productId())
                .param("plan", grant.plan())
                .param("granted", java.sql.Timestamp.from(grant.grantedAt()))
                .param("starts", java.sql.Timestamp.from(grant.startsAt()))
                .param("expires", java.sql.Timestamp.from(grant.expiresAt()))
                .update();
    }

    Optional<SearchAccessGrant> forOrder(UUID orderId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM search_access WHERE order_id = :order")
                .param("order", orderId)
                .query(SearchAccessGrants::map)
                .optional();
    }

    Optional<SearchAccessGrant> activeAt(UUID userId, Instant at) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM search_access WHERE user_id = :user AND starts_at <= :at AND expires_at > :at
                        ORDER BY expires_at DESC LIMIT 1
                        """)
                .param("user", userId)
                .param("at", java.sql.Timestamp.from(at))
                .query(SearchAccessGrants::map)
                .optional();
    }

    /** When the user's last grant ends, if any ends after {@code at}. */
    Optional<Instant> lastExpiryAfter(UUID userId, Instant at) {
        return jdbc.sql("SELECT max(expires_at) FROM search_access WHERE user_id = :user AND expires_at > :at")
                .param("user", userId)
                .param("at", java.sql.Timestamp.from(at))
                .query((rs, row) -> rs.getTimestamp(1))
                .optional()
                .filter(java.util.Objects::nonNull)
                .map(java.sql.Timestamp::toInstant);
    }

    private static SearchAccessGrant map(ResultSet rs, int row) throws SQLException {
        return new SearchAccessGrant(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getObject("order_id", UUID.class),
                rs.getObject("product_id", UUID.class),
                rs.getString("plan"),
                rs.getTimestamp("granted_at").toInstant(),
                rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant());
    }
}
