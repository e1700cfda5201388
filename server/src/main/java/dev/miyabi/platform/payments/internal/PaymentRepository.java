package dev.miyabi.platform.payments.internal;

import dev.miyabi.platform.payments.Payment;
import dev.miyabi.platform.payments.PaymentHourlyOutcomes;
import dev.miyabi.platform.payments.PaymentStatus;
import dev.miyabi.platform.shared.Money;
import dev.miyabi.platform.shared.PageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code payments} table. Every change of one payment happens under its row lock ({@link #lock}). */
@Repository
class PaymentRepository {

    private static final String COLUMNS = """
            id, order_id, user_id, amount, currency, status, provider, provider_ref, payment_method,
            payment_method_type, failure_code, failure_message, refunded_amount, next_check_at, reconcile_attempts,
            version, created_at, updated_at, settled_at""";

    /** A payment row with what only the module needs besides the API's fields. */
    record Row(Payment payment, String paymentMethod, int reconcileAttempts) {
        UUID id() {
            return payment.id();
        }

        PaymentStatus status() {
            return payment.status();
        }

        PaymentAggregate restore() {
            return PaymentAggregate.restore(payment, paymentMethod, reconcileAttempts);
        }
    }

    /** Payments settled per hour of {@code [:from, :to)}: captured (any later refund aside) and failed. */
    static final String HOURLY_OUTCOMES = """
            SELECT date_trunc('hour', settled_at, 'UTC') AS hour,
                count(*) FILTER (WHERE status <> 'failed') AS succeeded,
                count(*) FILTER (WHERE status = 'failed') AS failed
            FROM payments
            WHERE settled_at >= :from AND settled_at < :to
            GROUP BY 1
            ORDER BY 1
            """;

    private final JdbcClient jdbc;

    PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts a {@code processing} payment unless the order already has a live one (processing or
     * captured); false then, and nothing was inserted.
     */
    boolean insertIfNoneLive(PaymentAggregate payment, Instant firstCheck) {
        Payment p = payment.snapshot();
        return jdbc.sql("""
                        INSERT INTO payments (id, order_id, user_id, amount, currency, status, provider, payment_method,
                            next_check_at, created_at, updated_at)
                        VALUES (:id, :orderId, :userId, :amount, :currency, :status, :provider, :method, :nextCheck,
                            :createdAt, :createdAt)
                        ON CONFLICT (order_id) WHERE status IN ('processing', 'succeeded', 'partially_refunded', 'refunded')
                        DO NOTHING
                        """)
                        .param("id", p.id())
                        .param("orderId", p.orderId())
                        .param("userId", p.userId())
                        .param("amount", p.amount().amount())
                        .param("currency", p.amount().currency())
                        .param("status", p.status().value())
                        .param("provider", p.provider())
                        .param("method", payment.paymentMethod())
                        .param("nextCheck", Timestamp.from(firstCheck))
                        .param("createdAt", Timestamp.from(p.createdAt()))
                        .update()
                == 1;
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE id = :id")
                .param("id", id)
                .query(PaymentRepository::row)
                .optional();
    }

    /** Loads the payment and locks its row until the transaction ends. */
    Optional<PaymentAggregate> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(PaymentRepository::row)
                .optional()
                .map(Row::restore);
    }

    Optional<Row> lockByProviderRef(String provider, String providerRef) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM payments WHERE provider = :provider AND provider_ref = :ref FOR UPDATE")
                .param("provider", provider)
                .param("ref", providerRef)
                .query(PaymentRepository::row)
                .optional();
    }

    /** The order's captured payment (there is at most one), locked. */
    Optional<PaymentAggregate> lockCapturedOfOrder(UUID orderId) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM payments WHERE order_id = :orderId
                          AND status IN ('succeeded', 'partially_refunded', 'refunded') FOR UPDATE
                        """)
                .param("orderId", orderId)
                .query(PaymentRepository::row)
                .optional()
                .map(Row::restore);
    }

    List<Payment> ofOrder(UUID orderId, PageQuery page) {
        return jdbc
                .sql("SELECT " + COLUMNS + " FROM payments WHERE order_id = :orderId ORDER BY created_at "
                        + page.direction() + ", id LIMIT :limit OFFSET :offset")
                .param("orderId", orderId)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(PaymentRepository::row)
                .list()
                .stream()
                .map(Row::payment)
                .toList();
    }

    long countOfOrder(UUID orderId) {
        return jdbc.sql("SELECT count(*) FROM payments WHERE order_id = :orderId")
                .param("orderId", orderId)
                .query(Long.class)
                .single();
    }

    Map<PaymentStatus, Long> countByStatus() {
        Map<PaymentStatus, Long> counts = new EnumMap<>(PaymentStatus.class);
        for (PaymentStatus status : PaymentStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT status, count(*) FROM payments GROUP BY status").query(rs -> {
            long count = rs.getLong(2);
            PaymentStatus.parse(rs.getString(1)).ifPresent(status -> counts.put(status, count));
        });
        return counts;
    }

    /**
     * Captured and failed payments per hour (UTC) of their outcome. {@code settled_at} is set when a payment
     * leaves {@code processing} and never changes after; every status but {@code failed} then means
     * captured. Reads {@code idx_payments_settled} (V60), which includes the status.
     */
    List<PaymentHourlyOutcomes> hourlyOutcomes(Instant from, Instant to) {
        return jdbc.sql(HOURLY_OUTCOMES)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, n) -> new PaymentHourlyOutcomes(
                        rs.getTimestamp("hour").toInstant(), rs.getLong("succeeded"), rs.getLong("failed")))
                .list();
    }

    /**
     * Stores the changes of a payment loaded with {@link #lock} (so no one else changes it meanwhile); a
     * payment that left {@code processing} has no further check due. The version must be the one loaded.
     */
    void save(PaymentAggregate payment) {
        Payment p = payment.snapshot();
        int updated = jdbc.sql("UPDATE payments SET status = :status, provider_ref = :ref, payment_method_type = :type,"
                        + " failure_code = :code, failure_message = :message, refunded_amount = :refunded,"
                        + " next_check_at = CASE WHEN :status = 'processing' THEN next_check_at END,"
                        + " last_error = CASE WHEN :status = 'processing' THEN last_error END,"
                        + " settled_at = :settledAt, version = :version, updated_at = :updatedAt"
                        + " WHERE id = :id AND version = :savedVersion")
                .param("id", p.id())
                .param("status", p.status().value())
                .param("ref", p.providerRef())
                .param("type", p.paymentMethodType())
                .param("code", p.failureCode())
                .param("message", p.failureMessage())
                .param("refunded", p.refundedAmount().amount())
                .param("settledAt", p.settledAt() == null ? null : Timestamp.from(p.settledAt()))
                .param("version", p.version())
                .param("updatedAt", Timestamp.from(p.updatedAt()))
                .param("savedVersion", payment.savedVersion())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("Payment " + p.id() + " was changed although it was locked");
        }
        payment.saved();
    }

    /** The outcome is still unknown: remember why and when to ask again. */
    void scheduleCheck(UUID id, @Nullable String providerRef, String error, Instant nextCheck, Instant now) {
        jdbc.sql("""
                        UPDATE payments SET next_check_at = :next, last_error = :error,
                            provider_ref = COALESCE(provider_ref, :ref), updated_at = :now
                        WHERE id = :id AND status = 'processing'
                        """)
                .param("id", id)
                .param("next", Timestamp.from(nextCheck))
                .param("error", truncate(error))
                .param("ref", providerRef)
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Claims processing payments of {@code provider} (the instance's gateway: no other can answer for
     * them) that are due for a check: pushes their next check out by {@code lease}
     * (so no other instance takes them meanwhile) and counts the attempt. Rows another instance is
     * claiming right now are skipped.
     */
    List<UUID> claimDue(String provider, int limit, Duration lease) {
        return jdbc.sql("""
                        UPDATE payments SET next_check_at = now() + make_interval(secs => :lease),
                            reconcile_attempts = reconcile_attempts + 1
                        WHERE id IN (SELECT id FROM payments WHERE status = 'processing' AND next_check_at <= now()
                                       AND provider = :provider
                                     ORDER BY next_check_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING id
                        """)
                .param("provider", provider)
                .param("lease", (double) lease.toMillis() / 1000)
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    private static @Nullable String truncate(@Nullable String value) {
        return value == null || value.length() <= 1000 ? value : value.substring(0, 1000);
    }

    static Row row(ResultSet rs, int n) throws SQLException {
        String currency = rs.getString("currency");
        Timestamp settled = rs.getTimestamp("settled_at");
        Payment payment = new Payment(
                rs.getObject("id", UUID.class),
                rs.getObject("order_id", UUID.class),
                rs.getObject("user_id", UUID.class),
                new Money(rs.getBigDecimal("amount"), currency),
                PaymentStatus.parse(rs.getString("status")).orElseThrow(),
                rs.getString("provider"),
                rs.getString("provider_ref"),
                rs.getString("payment_method_type"),
                rs.getString("failure_code"),
                rs.getString("failure_message"),
                new Money(rs.getBigDecimal("refunded_amount"), currency),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                settled == null ? null : settled.toInstant(),
                rs.getLong("version"));
        return new Row(payment, rs.getString("payment_method"), rs.getInt("reconcile_attempts"));
    }
}
