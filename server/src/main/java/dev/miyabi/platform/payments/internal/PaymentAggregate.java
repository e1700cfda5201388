package dev.miyabi.platform.payments.internal;

import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.orders.OrderSnapshot;
import dev.miyabi.platform.orders.OrderStatus;
import dev.miyabi.platform.payments.Payment;
import dev.miyabi.platform.payments.PaymentEvent;
import dev.miyabi.platform.payments.PaymentFailed;
import dev.miyabi.platform.payments.PaymentRefunded;
import dev.miyabi.platform.payments.PaymentStarted;
import dev.miyabi.platform.payments.PaymentStatus;
import dev.miyabi.platform.payments.PaymentSucceeded;
import dev.miyabi.platform.payments.Refund;
import dev.miyabi.platform.payments.RefundFailed;
import dev.miyabi.platform.payments.RefundRequested;
import dev.miyabi.platform.payments.RefundStatus;
import dev.miyabi.platform.shared.InvalidStateTransition;
import dev.miyabi.platform.shared.Money;
import dev.miyabi.platform.shared.NotPermitted;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The payment aggregate ({@link Payment} is how the API shows it): the charge of an order's total and
 * what has been refunded of it. Every change is a method named for its intent; it checks its rule
 * (else a domain exception, and nothing changes), changes the payment and registers the {@link
 * PaymentEvent} that {@link PaymentService} publishes after saving. Refunds are created here (they may
 * never exceed what was captured) and stored by the service.
 */
class PaymentAggregate {

    /** A gateway's failure message is kept to this many characters. */
    static final int MAX_MESSAGE = 1000;

    private final UUID id;
    private final UUID orderId;
    private final UUID userId;
    private final Money amount;
    private final String provider;
    private final String paymentMethod;
    private final int reconcileAttempts;
    private final Instant createdAt;
    private PaymentStatus status;
    private @Nullable String providerRef;
    private @Nullable String paymentMethodType;
    private @Nullable String failureCode;
    private @Nullable String failureMessage;
    private BigDecimal refunded;
    private Instant updatedAt;
    private @Nullable Instant settledAt;
    private long version;
    private long savedVersion;
    private final List<PaymentEvent> events = new ArrayList<>();

    private PaymentAggregate(Payment p, String paymentMethod, int reconcileAttempts) {
        this.id = p.id();
        this.orderId = p.orderId();
        this.userId = p.userId();
        this.amount = p.amount();
        this.provider = p.provider();
        this.paymentMethod = paymentMethod;
        this.reconcileAttempts = reconcileAttempts;
        this.createdAt = p.createdAt();
        this.status = p.status();
        this.providerRef = p.providerRef();
        this.paymentMethodType = p.paymentMethodType();
        this.failureCode = p.failureCode();
        this.failureMessage = p.failureMessage();
        this.refunded = p.refundedAmount().amount();
        this.updatedAt = p.updatedAt();
        this.settledAt = p.settledAt();
        this.version = p.version();
        this.savedVersion = p.version();
    }

    /**
     * A new {@code processing} payment of the order's total (as stored, whatever the client thinks it
     * is) with {@code paymentMethod} at {@code provider}. Only the order's owner pays, and only while the
     * order awaits payment.
     */
    static PaymentAggregate start(
            UUID id, OrderSnapshot order, CurrentUser payer, String provider, String paymentMethod, Instant now) {
        if (!order.userId().equals(payer.id())) {
            throw new NotPermitted("Only the customer who placed the order can pay for it");
        }
        if (order.status() != OrderStatus.AWAITING_PAYMENT) {
            throw new InvalidStateTransition(
                    order.status().value(),
                    "The order is " + order.status().value() + "; only an order awaiting payment can be paid");
        }
        Money total = order.total();
        PaymentAggregate payment = new PaymentAggregate(
                new Payment(
                        id,
                        order.id(),
                        order.userId(),
                        total,
                        PaymentStatus.PROCESSING,
                        provider,
                        null,
                        null,
                        null,
                        null,
                        new Money(BigDecimal.ZERO, total.currency()),
                        now,
                        now,
                        null,
                        0),
                paymentMethod,
                0);
        payment.events.add(new PaymentStarted(payment.snapshot()));
        return payment;
    }

    /** A payment as stored, with the method the customer chose and the reconciliation checks made. */
    static PaymentAggregate restore(Payment stored, String paymentMethod, int reconcileAttempts) {
        return new PaymentAggregate(stored, paymentMethod, reconcileAttempts);
    }

    /** {@code processing → succeeded}: the gateway captured the charge. */
    void capture(@Nullable String providerRef, @Nullable String methodType, Instant at) {
        settle(PaymentStatus.SUCCEEDED, providerRef, at);
        this.paymentMethodType = methodType;
        events.add(new PaymentSucceeded(snapshot()));
    }

    /** {@code processing → failed}: the gateway declined the charge, with its code and message (cut to 1000). */
    void decline(@Nullable String providerRef, String code, @Nullable String message, Instant at) {
        settle(PaymentStatus.FAILED, providerRef, at);
        this.failureCode = code;
        this.failureMessage =
                message == null || message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE);
        events.add(new PaymentFailed(snapshot()));
    }

    private void settle(PaymentStatus to, @Nullable String ref, Instant at) {
        if (status != PaymentStatus.PROCESSING) {
            throw new InvalidStateTransition(
                    status.value(),
                    to.value(),
                    "The payment is " + status.value() + "; only a processing payment settles");
        }
        status = to;
        providerRef = ref;
        settledAt = at;
        changed(at);
    }

    /**
     * A {@code pending} refund of {@code requested} (null: all that is left) of the captured payment, of
     * which {@code committed} is already refunded or pending. Only a captured payment is refunded, and
     * never by more than is left ({@link RefundExceedsCaptured}).
     */
    Refund refund(
            @Nullable BigDecimal requested,
            BigDecimal committed,
            @Nullable String reason,
            @Nullable UUID requestedBy,
            boolean automatic,
            Instant at) {
        if (!status.isCaptured()) {
            throw new InvalidStateTransition(
                    status.value(), "The payment is " + status.value() + "; only a captured payment can be refunded");
        }
        BigDecimal refundable = amount.amount().subtract(committed);
        BigDecimal refund = requested == null ? refundable : requested;
        if (refund.signum() <= 0 || refund.compareTo(refundable) > 0) {
            throw new RefundExceedsCaptured(refund, refundable, amount);
        }
        return request(new Money(refund, amount.currency()), reason, requestedBy, automatic, at);
    }

    /**
     * The provider captured this {@code failed} payment after all (with {@code providerRef}, kept unless
     * the payment had one): a {@code pending} refund of all of it gives the money back. The payment stays
     * {@code failed}.
     */
    Refund refundCapturedAfterFailure(String providerRef, String reason, Instant at) {
        if (status != PaymentStatus.FAILED) {
            throw new InvalidStateTransition(
                    status.value(), "The payment is " + status.value() + "; only a failed payment was captured late");
        }
        if (this.providerRef == null) {
            this.providerRef = providerRef;
        }
        return request(amount, reason, null, true, at);
    }

    private Refund request(
            Money refund, @Nullable String reason, @Nullable UUID requestedBy, boolean automatic, Instant at) {
        Refund pending = new Refund(
                UUID.randomUUID(),
                id,
                orderId,
                userId,
                refund,
                RefundStatus.PENDING,
                reason,
                null,
                null,
                null,
                requestedBy,
                automatic,
                at,
                at,
                null);
        events.add(new RefundRequested(snapshot(), pending));
        return pending;
    }

    /**
     * A succeeded refund made at the provider directly, not through the platform, of {@code refund} (at
     * most what is left); {@code succeededBefore} is what the payment's other succeeded refunds add up to.
     */
    Refund refundedAtProvider(BigDecimal refund, @Nullable String providerRef, BigDecimal succeededBefore, Instant at) {
        Refund external = new Refund(
                UUID.randomUUID(),
                id,
                orderId,
                userId,
                new Money(refund, amount.currency()),
                RefundStatus.SUCCEEDED,
                "Refunded at " + provider,
                providerRef,
                null,
                null,
                null,
                false,
                at,
                at,
                at);
        recordRefunded(external, succeededBefore.add(refund), at);
        return external;
    }

    /**
     * {@code refund} succeeded, and the payment's succeeded refunds now add up to {@code refundedTotal}:
     * a captured payment is {@code refunded} when that is all of it, {@code partially_refunded} when it is
     * some. A {@code failed} payment that the provider captured after all stays {@code failed}.
     */
    void recordRefunded(Refund refund, BigDecimal refundedTotal, Instant at) {
        PaymentStatus before = status;
        recount(refundedTotal, at);
        events.add(new PaymentRefunded(snapshot(), refund, before));
    }

    /** The gateway refused {@code refund}; the payment is as it was and the amount refundable again. */
    void recordRefundFailed(Refund refund) {
        events.add(new RefundFailed(snapshot(), refund, status));
    }

    /**
     * {@code refund} had succeeded and failed at the provider later (the money never reached the
     * customer): the payment's succeeded refunds now add up to {@code refundedTotal} only, so it may be
     * {@code succeeded} again.
     */
    void recordRefundFailedAfterSuccess(Refund refund, BigDecimal refundedTotal, Instant at) {
        PaymentStatus before = status;
        recount(refundedTotal, at);
        events.add(new RefundFailed(snapshot(), refund, before));
    }

    private void recount(BigDecimal refundedTotal, Instant at) {
        if (status != PaymentStatus.FAILED) {
            if (refundedTotal.signum() == 0) {
                status = PaymentStatus.SUCCEEDED;
            } else {
                status = refundedTotal.compareTo(amount.amount()) >= 0
                        ? PaymentStatus.REFUNDED
                        : PaymentStatus.PARTIALLY_REFUNDED;
            }
        }
        refunded = refundedTotal;
        changed(at);
    }

    private void changed(Instant at) {
        updatedAt = at;
        version++;
    }

    Payment snapshot() {
        return new Payment(
                id,
                orderId,
                userId,
                amount,
                status,
                provider,
                providerRef,
                paymentMethodType,
                failureCode,
                failureMessage,
                new Money(refunded, amount.currency()),
                createdAt,
                updatedAt,
                settledAt,
                version);
    }

    /** The events registered since the last call, in order. */
    List<PaymentEvent> pullEvents() {
        List<PaymentEvent> pulled = List.copyOf(events);
        events.clear();
        return pulled;
    }

    UUID id() {
        return id;
    }

    UUID orderId() {
        return orderId;
    }

    PaymentStatus status() {
        return status;
    }

    boolean isProcessing() {
        return status == PaymentStatus.PROCESSING;
    }

    Money amount() {
        return amount;
    }

    String provider() {
        return provider;
    }

    String paymentMethod() {
        return paymentMethod;
    }

    int reconcileAttempts() {
        return reconcileAttempts;
    }

    /** The version in the database, which {@link PaymentRepository#save} checks. */
    long savedVersion() {
        return savedVersion;
    }

    /** Records that the repository stored the payment as it is now. */
    void saved() {
        savedVersion = version;
    }
}
