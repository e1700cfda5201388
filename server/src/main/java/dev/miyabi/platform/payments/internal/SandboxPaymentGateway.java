package dev.miyabi.platform.payments.internal;

import dev.miyabi.platform.shared.Money;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A payment gateway that needs no network and no account, answering Stripe's test payment methods
 * the way Stripe's test mode does. It keeps a ledger in the database ({@code sandbox_charges}, {@code
 * sandbox_refunds}) as a remote provider would, so the same idempotency key answers with the same
 * charge on every instance and after restarts, and a charge is never made twice.
 *
 * <ul>
 *   <li>{@code pm_card_visa}, {@code pm_card_mastercard} (and Stripe's other brand test methods) succeed;
 *   <li>{@code pm_card_chargeDeclined} → {@code card_declined}, {@code …InsufficientFunds} → {@code
 *       insufficient_funds}, {@code …ExpiredCard} → {@code expired_card}, {@code …IncorrectCvc}, {@code
 *       …Fraudulent}, {@code …LostCard}, {@code …StolenCard}, {@code …ProcessingError} likewise;
 *   <li>{@code pm_card_processingError}: a transient gateway error for the first {@code
 *       transientFailures} calls with a key (nothing is charged), then the charge goes through;
 *   <li>{@code pm_sandbox_timeout}: the charge is made but the answer is lost (a timeout) for the first
 *       {@code transientFailures} calls with a key; lookups see the charge;
 *   <li>any other {@code pm_…} → declined {@code resource_missing} ("No such PaymentMethod").
 * </ul>
 */
class SandboxPaymentGateway implements PaymentGateway {

    /** Test payment methods that succeed (Stripe's names). */
    static final Set<String> SUCCEEDING = Set.of(
            "pm_card_visa",
            "pm_card_visa_debit",
            "pm_card_mastercard",
            "pm_card_mastercard_debit",
            "pm_card_mastercard_prepaid",
            "pm_card_amex",
            "pm_card_discover",
            "pm_card_diners",
            "pm_card_jcb",
            "pm_card_unionpay");

    /** Test payment methods that are declined, with the decline code and Stripe's message. */
    static final Map<String, Decline> DECLINES = Map.of(
            "pm_card_chargeDeclined", new Decline("card_declined", "Your card was declined."),
            "pm_card_chargeDeclinedInsufficientFunds",
                    new Decline("insufficient_funds", "Your card has insufficient funds."),
            "pm_card_chargeDeclinedExpiredCard", new Decline("expired_card", "Your card has expired."),
            "pm_card_chargeDeclinedIncorrectCvc",
                    new Decline("incorrect_cvc", "Your card's security code is incorrect."),
            "pm_card_chargeDeclinedFraudulent", new Decline("fraudulent", "Your card was declined."),
            "pm_card_chargeDeclinedLostCard", new Decline("lost_card", "Your card was declined."),
            "pm_card_chargeDeclinedStolenCard", new Decline("stolen_card", "Your card was declined."),
            "pm_card_chargeDeclinedProcessingError",
                    new Decline(
                            "processing_error",
                            "An error occurred while processing your card. Try again in a little bit."));

    static final String TRANSIENT_ERROR = "pm_card_processingError";
    static final String TIMEOUT = "pm_sandbox_timeout";

    record Decline(String code, String message) {}

    /** A row of the sandbox ledger. */
    record Charge(
            String id,
            Money amount,
            String paymentMethod,
            String status,
            @Nullable String declineCode,
            @Nullable String declineMessage,
            int calls,
            BigDecimal refunded) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Duration latency;
    private final int transientFailures;

    public SandboxPaymentGateway(
            JdbcClient jdbc, TransactionTemplate transactions, Duration latency, int transientFailures) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.latency = latency;
        this.transientFailures = transientFailures;
    }

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public ChargeResult charge(ChargeRequest request) {
        pause();
        // One statement: the first call with a key creates its ledger row, every call counts itself.
        Charge charge = jdbc.sql("""
                        INSERT INTO sandbox_charges (idempotency_key, id, amount, currency, payment_method, status, calls)
                        VALUES (:key, :id, :amount, :currency, :method, 'not_charged', 1)
                        ON CONFLICT (idempotency_key) DO UPDATE SET calls = sandbox_charges.calls + 1, updated_at = now()
                        RETURNING id, amount, currency, payment_method, status, decline_code, decline_message, calls,
                                  refunded_amount
                        """)
                .param("key", request.idempotencyKey())
                .param("id", "pi_sb_" + random())
                .param("amount", request.amount().amount())
                .param("currency", request.amount().currency())
                .param("method", request.paymentMethod())
                .query((rs, n) -> charge(rs))
                .single();
        if (!charge.amount().equals(request.amount()) || !charge.paymentMethod().equals(request.paymentMethod())) {
            return new ChargeResult.Declined(
                    null,
                    "idempotency_error",
                    "Keys for idempotent requests can only be used with the same parameters they were first used with");
        }
        String method = request.paymentMethod();
        boolean failing = charge.calls() <= transientFailures;
        if (method.equals(TRANSIENT_ERROR) && failing && charge.status().equals("not_charged")) {
            throw new GatewayException(
                    "processing_error",
                    "Sandbox: a transient processing error (call " + charge.calls() + " of this key)",
                    true);
        }
        if (!charge.status().equals("not_charged")) {
            if (method.equals(TIMEOUT) && failing) {
                throw timeout(charge.calls());
            }
            return result(charge);
        }
        Decline decline = DECLINES.get(method);
        if (decline == null
                && !SUCCEEDING.contains(method)
                && !method.equals(TRANSIENT_ERROR)
                && !method.equals(TIMEOUT)) {
            decline = new Decline("resource_missing", "No such PaymentMethod: '" + method + "'");
        }
        Charge settled = jdbc.sql("""
                        UPDATE sandbox_charges SET status = :status, decline_code = :code, decline_message = :message,
                            updated_at = now()
                        WHERE idempotency_key = :key AND status = 'not_charged'
                        RETURNING id, amount, currency, payment_method, status, decline_code, decline_message, calls,
                                  refunded_amount
                        """)
                .param("key", request.idempotencyKey())
                .param("status", decline == null ? "succeeded" : "declined")
                .param("code", decline == null ? null : decline.code())
                .param("message", decline == null ? null : decline.message())
                .query((rs, n) -> charge(rs))
                .optional()
                .orElseGet(() -> find(request.idempotencyKey()).orElseThrow());
        if (method.equals(TIMEOUT) && failing) {
            throw timeout(charge.calls());
        }
        return result(settled);
    }

    @Override
    public ChargeResult lookup(ChargeLookup lookup) {
        pause();
        return find(lookup.idempotencyKey())
                .filter(charge -> !charge.status().equals("not_charged"))
                .map(SandboxPaymentGateway::result)
                .orElseGet(ChargeResult.NotFound::new);
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        pause();
        RefundResult result = transactions.execute(status -> {
            // Refunds of one charge take turns on its row, so two keys cannot both take the last of it.
            Optional<Charge> charge = jdbc.sql("""
                            SELECT id, amount, currency, payment_method, status, decline_code, decline_message, calls,
                                   refunded_amount
                            FROM sandbox_charges WHERE id = :id FOR UPDATE
                            """)
                    .param("id", request.chargeRef())
                    .query((rs, n) -> charge(rs))
                    .optional();
            Optional<RefundResult> existing = findRefund(request.idempotencyKey());
            if (existing.isPresent()) {
                return existing.get();
            }
            String id = "re_sb_" + random();
            String failure = null;
            if (charge.isEmpty() || !charge.get().status().equals("succeeded")) {
                failure = "resource_missing";
            } else if (!charge.get().amount().currency().equals(request.amount().currency())
                    || charge.get()
                                    .refunded()
                                    .add(request.amount().amount())
                                    .compareTo(charge.get().amount().amount())
                            > 0) {
                failure = "amount_too_large";
            }
            if (failure == null) {
                jdbc.sql("UPDATE sandbox_charges SET refunded_amount = refunded_amount + :amount WHERE id = :id")
                        .param("amount", request.amount().amount())
                        .param("id", request.chargeRef())
                        .update();
            }
            jdbc.sql("""
                            INSERT INTO sandbox_refunds (idempotency_key, id, charge_id, amount, status, failure_code)
                            VALUES (:key, :id, :charge, :amount, :status, :failure)
                            """)
                    .param("key", request.idempotencyKey())
                    .param("id", id)
                    .param("charge", charge.map(Charge::id).orElse(null))
                    .param("amount", request.amount().amount())
                    .param("status", failure == null ? "succeeded" : "failed")
                    .param("failure", failure)
                    .update();
            return failure == null ? new RefundResult.Succeeded(id) : refundFailure(id, failure);
        });
        return Objects.requireNonNull(result);
    }

    @Override
    public RefundResult lookupRefund(RefundLookup lookup) {
        pause();
        return findRefund(lookup.idempotencyKey()).orElseGet(RefundResult.NotFound::new);
    }

    /** The ledger row of a key (for tests and operators: how often it was called, what it charged). */
    public Optional<Charge> find(String idempotencyKey) {
        return jdbc.sql("""
                        SELECT id, amount, currency, payment_method, status, decline_code, decline_message, calls,
                               refunded_amount
                        FROM sandbox_charges WHERE idempotency_key = :key
                        """)
                .param("key", idempotencyKey)
                .query((rs, n) -> charge(rs))
                .optional();
    }

    private Optional<RefundResult> findRefund(String key) {
        return jdbc.sql("SELECT id, status, failure_code FROM sandbox_refunds WHERE idempotency_key = :key")
                .param("key", key)
                .query((rs, n) -> rs.getString("status").equals("succeeded")
                        ? (RefundResult) new RefundResult.Succeeded(rs.getString("id"))
                        : refundFailure(rs.getString("id"), rs.getString("failure_code")))
                .optional();
    }

    private static RefundResult refundFailure(String id, String code) {
        return new RefundResult.Failed(
                id,
                code,
                code.equals("amount_too_large")
                        ? "Refund amount is greater than the unrefunded amount on the charge"
                        : "No such charge");
    }

    private static ChargeResult result(Charge charge) {
        return charge.status().equals("succeeded")
                ? new ChargeResult.Succeeded(charge.id(), "card")
                : new ChargeResult.Declined(
                        charge.id(),
                        Objects.requireNonNull(charge.declineCode()),
                        Objects.requireNonNullElse(charge.declineMessage(), "Declined"));
    }

    private static GatewayException timeout(int call) {
        return new GatewayException(
                "timeout", "Sandbox: the answer to call " + call + " of this key was lost (timeout)", true);
    }

    private static Charge charge(ResultSet rs) throws SQLException {
        return new Charge(
                rs.getString("id"),
                new Money(rs.getBigDecimal("amount"), rs.getString("currency")),
                rs.getString("payment_method"),
                rs.getString("status"),
                rs.getString("decline_code"),
                rs.getString("decline_message"),
                rs.getInt("calls"),
                rs.getBigDecimal("refunded_amount"));
    }

    private void pause() {
        if (latency.isZero() || latency.isNegative()) {
            return;
        }
        try {
            Thread.sleep(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException("interrupted", "Sandbox call interrupted", false, e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
