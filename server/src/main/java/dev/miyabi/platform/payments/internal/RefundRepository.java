package dev.miyabi.platform.payments.internal;

import dev.miyabi.platform.payments.Refund;
import dev.miyabi.platform.payments.RefundStatus;
import dev.miyabi.platform.shared.Money;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code refunds} table. Refunds of a payment are created and settled while its payment row is
 * locked, so the sum of pending and succeeded refunds never exceeds what was captured.
 */
@Repository
class RefundRepository {

    private static final String COLUMNS = """
            r.id, r.payment_id, p.order_id, p.user_id, r.amount, r.currency, r.status, r.reason, r.provider_ref,
            r.failure_code, r.failure_message, r.requested_by, r.automatic_key, r.created_at, r.updated_at, r.settled_at""";

    private final JdbcClient jdbc;

    RefundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Refund refund, @Nullable String automaticKey, @Nullable Instant nextCheck) {
        jdbc.sql("""
                        INSERT INTO refunds (id, payment_id, amount, currency, status, reason, provider_ref, requested_by,
                            automatic_key, next_check_at, created_at, updated_at, settled_at)
                        VALUES (:id, :paymentId, :amount, :currency, :status, :reason, :ref, :requestedBy, :automaticKey,
                            :nextCheck, :createdAt, :createdAt, :settledAt)
                        """)
                .param("id", refund.id())
                .param("paymentId", refund.paymentId())
                .param("amount", refund.amount().amount())
                .param("currency", refund.amount().currency())
                .param("status", refund.status().value())
                .param("reason", refund.reason())
                .param("ref", refund.providerRef())
                .param("requestedBy", refund.requestedBy())
                .param("automaticKey", automaticKey)
                .param("nextCheck", nextCheck == null ? null : Timestamp.from(nextCheck))
                .param("createdAt", Timestamp.from(refund.createdAt()))
                .param("settledAt", refund.settledAt() == null ? null : Timestamp.from(refund.settledAt()))
                .update();
    }

    Optional<Refund> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE r.id = :id")
                .param("id", id)
                .query(RefundRepository::row)
                .optional();
    }

    Optional<Refund> findAutomatic(UUID paymentId, String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM refunds r JOIN payments p ON p.id = r.payment_id"
                        + " WHERE r.payment_id = :paymentId AND r.automatic_key = :key")
                .param("paymentId", paymentId)
                .param("key", key)
                .query(RefundRepository::row)
                .optional();
    }

    List<Refund> ofPayment(UUID paymentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM refunds r JOIN payments p ON p.id = r.payment_id"
                        + " WHERE r.payment_id = :paymentId ORDER BY r.created_at, r.id")
                .param("paymentId", paymentId)
                .query(RefundRepository::row)
                .list();
    }

    /** What pending and succeeded refunds of the payment add up to: the amount no longer refundable. */
    BigDecimal committed(UUID paymentId) {
        return jdbc.sql("""
                        SELECT COALESCE(sum(amount), 0) FROM refunds
                        WHERE payment_id = :paymentId AND status IN ('pending', 'succeeded')
                        """)
                .param("paymentId", paymentId)
                .query(BigDecimal.class)
                .single();
    }

    BigDecimal succeeded(UUID paymentId) {
        return jdbc.sql("""
                        SELECT COALESCE(sum(amount), 0) FROM refunds WHERE payment_id = :paymentId AND status = 'succeeded'
                        """)
                .param("paymentId", paymentId)
                .query(BigDecimal.class)
                .single();
    }

    /** The gateway made the pending refund (its id for it, when it gave one). */
    Refund succeed(UUID id, @Nullable String providerRef, Instant now) {
        return settle(id, RefundStatus.SUCCEEDED, providerRef, null, null, now);
    }

    /** The gateway refused the pending refund, with its code and message. */
    Refund fail(
            UUID id, @Nullable String providerRef, String failureCode, @Nullable String failureMessage, Instant now) {
        return settle(id, RefundStatus.FAILED, providerRef, failureCode, failureMessage, now);
    }

    private Refund settle(
            UUID id,
            RefundStatus status,
            @Nullable String providerRef,
            @Nullable String failureCode,
            @Nullable String failureMessage,
            Instant now) {
        jdbc.sql("""
                        UPDATE refunds SET status = :status, provider_ref = COALESCE(:ref, provider_ref),
                            failure_code = :code, failure_message = :message, next_check_at = NULL, last_error = NULL,
                            settled_at = :now, updated_at = :now
                        WHERE id = :id AND status = 'pending'
                        """)
                .param("id", id)
                .param("status", status.value())
                .param("ref", providerRef)
                .param("code", failureCode)
                .param(
                        "message",
                        failureMessage == null || failureMessage.length() <= 1000
                                ? failureMessage
                                : failureMessage.substring(0, 1000))
                .param("now", Timestamp.from(now))
                .update();
        return find(id).orElseThrow();
    }

    void scheduleCheck(UUID id, @Nullable String providerRef, String error, Instant nextCheck, Instant now) {
        jdbc.sql("""
                        UPDATE refunds SET next_check_at = :next, last_error = :error,
                            provider_ref = COALESCE(provider_ref, :ref), updated_at = :now
                        WHERE id = :id AND status = 'pending'
                        """)
                .param("id", id)
                .param("next", Timestamp.from(nextCheck))
                .param("error", error.length() <= 1000 ? error : error.substring(0, 1000))
                .param("ref", providerRef)
                .param("now", Timestamp.from(now))
                .update();
    }

    int reconcileAttempts(UUID id) {
        return jdbc.sql("SELECT reconcile_attempts FROM refunds WHERE id = :id")
                .param("id", id)
                .query(Integer.class)
                .single();
    }

    /** Claims pending refunds of {@code provider}'s payments due for a check, like {@link PaymentRepository#claimDue}. */
    List<UUID> claimDue(String provider, int limit, Duration lease) {
        return jdbc.sql("""
                        UPDATE refunds SET next_check_at = now() + make_interval(secs => :lease),
                            reconcile_attempts = reconcile_attempts + 1
                        WHERE id IN (SELECT r.id FROM refunds r JOIN payments p ON p.id = r.payment_id
                                     WHERE r.status = 'pending' AND r.next_check_at <= now() AND p.provider = :provider
                                     ORDER BY r.next_check_at LIMIT :limit FOR UPDATE OF r SKIP LOCKED)
                        RETURNING id
                        """)
                .param("provider", provider)
                .param("lease", (double) lease.toMillis() / 1000)
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /** The payment's refund the provider knows by {@code providerRef}, else the one of ours it names. */
    Optional<Refund> findAtProvider(UUID paymentId, String providerRef, @Nullable UUID ourId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM refunds r JOIN payments p ON p.id = r.payment_id"
                        + " WHERE r.payment_id = :paymentId AND (r.provider_ref = :ref OR r.id = :ours)"
                        + " ORDER BY (r.provider_ref = :ref) DESC NULLS LAST LIMIT 1")
                .param("paymentId", paymentId)
                .param("ref", providerRef)
                .param("ours", ourId)
                .query(RefundRepository::row)
                .optional();
    }

    /** Pending refunds of the payment are due for a check now (the provider reported refunds it did not name). */
    void checkPendingNow(UUID paymentId, Instant now) {
        jdbc.sql("UPDATE refunds SET next_check_at = :now WHERE payment_id = :paymentId AND status = 'pending'")
                .param("paymentId", paymentId)
                .param("now", Timestamp.from(now))
                .update();
    }

    BigDecimal pending(UUID paymentId) {
        return jdbc.sql("""
                        SELECT COALESCE(sum(amount), 0) FROM refunds WHERE payment_id = :paymentId AND status = 'pending'
                        """)
                .param("paymentId", paymentId)
                .query(BigDecimal.class)
                .single();
    }

    /** A refund that had succeeded failed at the provider after all (the money did not reach the customer). */
    Refund failAfterSuccess(UUID id, String failureCode, String failureMessage, Instant now) {
        jdbc.sql("""
                        UPDATE refunds SET status = 'failed', failure_code = :code, failure_message = :message,
                            updated_at = :now
                        WHERE id = :id AND status = 'succeeded'
                        """)
                .param("id", id)
                .param("code", failureCode)
                .param("message", failureMessage.length() <= 1000 ? failureMessage : failureMessage.substring(0, 1000))
                .param("now", Timestamp.from(now))
                .update();
        return find(id).orElseThrow();
    }

    static Refund row(ResultSet rs, int n) throws SQLException {
        Timestamp settled = rs.getTimestamp("settled_at");
        return new Refund(
                rs.getObject("id", UUID.class),
                rs.getObject("payment_id", UUID.class),
                rs.getObject("order_id", UUID.class),
                rs.getObject("user_id", UUID.class),
                new Money(rs.getBigDecimal("amount"), rs.getString("currency")),
                RefundStatus.parse(rs.getString("status")).orElseThrow(),
                rs.getString("reason"),
                rs.getString("provider_ref"),
                rs.getString("failure_code"),
                rs.getString("failure_message"),
                rs.getObject("requested_by", UUID.class),
                rs.getString("automatic_key") != null,
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                settled == null ? null : settled.toInstant());
    }
}
