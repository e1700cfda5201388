package dev.miyabi.platform.payments.internal;

import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.orders.OrderSnapshot;
import dev.miyabi.platform.orders.OrderStatus;
import dev.miyabi.platform.orders.Orders;
import dev.miyabi.platform.orders.TimelineNote;
import dev.miyabi.platform.payments.Payment;
import dev.miyabi.platform.payments.PaymentFailed;
import dev.miyabi.platform.payments.PaymentHourlyOutcomes;
import dev.miyabi.platform.payments.PaymentRefunded;
import dev.miyabi.platform.payments.PaymentStarted;
import dev.miyabi.platform.payments.PaymentStatus;
import dev.miyabi.platform.payments.PaymentSucceeded;
import dev.miyabi.platform.payments.Payments;
import dev.miyabi.platform.payments.Refund;
import dev.miyabi.platform.payments.RefundFailed;
import dev.miyabi.platform.payments.RefundRequested;
import dev.miyabi.platform.payments.RefundStatus;
import dev.miyabi.platform.shared.Actor;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.InvalidStateTransition;
import dev.miyabi.platform.shared.Money;
import dev.miyabi.platform.shared.NotPermitted;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.shared.PageResponse;
import dev.miyabi.platform.shared.idempotency.IdempotentResources;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payment and refund records and their rules, one transaction per change: who may pay what, at most one
 * live payment per order, applying the gateway's answers (a captured payment moves its order to {@code
 * paid} in the same transaction), and refunds never exceeding what was captured. Gateway calls happen
 * outside these transactions ({@link PaymentProcessor}).
 */
@Service
class PaymentService implements Payments {

    /** The timeline actor of everything the PaymentProcessorAgent does to an order. */
    public static final Actor AGENT = AgentType.PAYMENT_PROCESSOR.actor();

    static final String ORDER_NOT_PAYABLE = "order_not_payable";

    /** The automatic refund of a failed payment that the provider captured after all. */
    static final String CAPTURED_AFTER_FAILURE = "captured_after_failure";

    /** What applying a gateway answer led to: the payment, and a refund to run when the order was gone. */
    public record Settlement(Payment payment, @Nullable UUID refundToRun) {}

    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final Orders orders;
    private final PaymentGateway gateway;
    private final PaymentsProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PaymentService(
            PaymentRepository payments,
            RefundRepository refunds,
            Orders orders,
            PaymentGateway gateway,
            PaymentsProperties properties,
            ApplicationEventPublisher events,
            Clock clock) {
        this.payments = payments;
        this.refunds = refunds;
        this.orders = orders;
        this.gateway = gateway;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Records a {@code processing} payment of the order's total (as stored, whatever the client thinks
     * it is). Only the order's owner pays, only while it awaits payment, and only when no other payment
     * of it is processing or captured.
     */
    @Transactional
    public Payment start(UUID orderId, CurrentUser payer, String paymentMethod) {
        OrderSnapshot order = orders.find(orderId)
                .filter(o -> o.userId().equals(payer.id()) || payer.isAdmin())
                .orElseThrow(() -> ApiException.notFound("Order"));
        if (!order.userId().equals(payer.id())) {
            throw new NotPermitted("Only the customer who placed the order can pay for it");
        }
        if (order.status() != OrderStatus.AWAITING_PAYMENT) {
            throw new InvalidStateTransition(
                    order.status().value(),
                    "The order is " + order.status().value() + "; only an order awaiting payment can be paid");
        }
        Instant now = now();
        Payment payment = new Payment(
                UUID.randomUUID(),
                orderId,
                order.userId(),
                order.total(),
                PaymentStatus.PROCESSING,
                gateway.name(),
                null,
                null,
                null,
                null,
                zero(order.total()),
                now,
                now,
                null,
                0);
        if (!payments.insertIfNoneLive(
                payment, paymentMethod, now.plus(properties.reconciliation().grace()))) {
            throw new InvalidStateTransition(
                    order.status().value(),
                    "The order already has a payment that is processing or succeeded; wait for it to settle");
        }
        IdempotentResources.created(PaymentReplays.PAYMENT, payment.id());
        events.publishEvent(new PaymentStarted(payment));
        return payment;
    }

    /**
     * Applies the gateway's answer to a {@code processing} payment. A payment that is no longer
     * processing is left as it is (another path — the request, reconciliation, a webhook — settled it
     * first with the same answer, since every call for it is the same idempotent charge). {@code by} is
     * the order's timeline actor of a success: the agent within the customer's request, the system for
     * reconciliation and webhooks.
     */
    @Transactional
    public Settlement settle(UUID paymentId, ChargeResult result, Actor by, String via) {
        PaymentRepository.Row row = payments.lock(paymentId).orElseThrow(() -> ApiException.notFound("Payment"));
        if (row.status() != PaymentStatus.PROCESSING) {
            return new Settlement(row.payment(), null);
        }
        return switch (result) {
            case ChargeResult.Succeeded succeeded -> succeed(row, succeeded, by, via);
            case ChargeResult.Declined declined -> {
                Payment failed =
                        payments.declined(row, declined.providerRef(), declined.code(), declined.message(), now());
                events.publishEvent(new PaymentFailed(failed));
                yield new Settlement(failed, null);
            }
            case ChargeResult.Pending pending -> {
                scheduleCheck(row, pending.providerRef(), "pending at " + gateway.name());
                yield new Settlement(payments.find(paymentId).orElseThrow().payment(), null);
            }
            case ChargeResult.NotFound notFound ->
                throw new IllegalArgumentException("A charge that was not found settles nothing");
        };
    }

    private Settlement succeed(PaymentRepository.Row row, ChargeResult.Succeeded succeeded, Actor by, String via) {
        Payment paid = payments.succeeded(row, succeeded.providerRef(), succeeded.paymentMethodType(), now());
        events.publishEvent(new PaymentSucceeded(paid));
        OrderSnapshot order = orders.find(paid.orderId()).orElseThrow();
        if (order.status() == OrderStatus.AWAITING_PAYMENT) {
            orders.markPaid(
                    paid.orderId(),
                    paid.id(),
                    by,
                    TimelineNote.of(
                                    TimelineNote.Kind.PAID,
                                    "Paid " + paid.amount().amount().toPlainString() + " "
                                            + paid.amount().currency() + " by "
                                            + (paid.paymentMethodType() == null ? "card" : paid.paymentMethodType())
                                            + " (payment " + paid.id() + via + ")")
                            .with("amount", paid.amount())
                            .with("paymentId", paid.id())
                            .with("method", paid.paymentMethodType()));
            return new Settlement(paid, null);
        }
        // The order stopped being payable (cancelled) while the charge ran: the money goes back.
        Refund refund = createRefund(
                payments.lock(paid.id()).orElseThrow(),
                null,
                "The order was " + order.status().value() + " before its payment completed",
                null,
                ORDER_NOT_PAYABLE);
        return new Settlement(payments.find(paid.id()).orElseThrow().payment(), refund.id());
    }

    /** The answer is still unknown: ask again after the backoff for the checks made so far. */
    @Transactional
    public void stillUnknown(UUID paymentId, @Nullable String providerRef, String error) {
        payments.find(paymentId).ifPresent(row -> scheduleCheck(row, providerRef, error));
    }

    private void scheduleCheck(PaymentRepository.Row row, @Nullable String providerRef, String error) {
        Instant now = now();
        payments.scheduleCheck(
                row.id(),
                providerRef,
                error,
                now.plus(properties.reconciliation().backoff(row.reconcileAttempts())),
                now);
    }

    // ---- refunds ------------------------------------------------------------------------------

    /** An admin refunds {@code amount} (null: all that is left) of a captured payment. */
    @Transactional
    public Refund requestRefund(
            UUID paymentId, @Nullable BigDecimal amount, @Nullable String reason, CurrentUser admin) {
        PaymentRepository.Row row = payments.lock(paymentId).orElseThrow(() -> ApiException.notFound("Payment"));
        Refund refund = createRefund(row, amount, reason, admin.id(), null);
        IdempotentResources.created(PaymentReplays.REFUND, refund.id());
        return refund;
    }

    /**
     * The platform refunds what is left of the order's captured payment, once per {@code key} (so a
     * redelivered event refunds nothing more). Empty when nothing was captured or nothing is left.
     */
    @Transactional
    public Optional<Refund> refundOrder(UUID orderId, String key, String reason) {
        Optional<PaymentRepository.Row> row = payments.lockCapturedOfOrder(orderId);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Optional<Refund> existing = refunds.findAutomatic(row.get().id(), key);
        if (existing.isPresent()) {
            return existing;
        }
        if (refunds.committed(row.get().id())
                        .compareTo(row.get().payment().amount().amount())
                >= 0) {
            return Optional.empty();
        }
        return Optional.of(createRefund(row.get(), null, reason, null, key));
    }

    private Refund createRefund(
            PaymentRepository.Row row,
            @Nullable BigDecimal amount,
            @Nullable String reason,
            @Nullable UUID requestedBy,
            @Nullable String automaticKey) {
        Payment payment = row.payment();
        if (!payment.status().isCaptured()) {
            throw new InvalidStateTransition(
                    payment.status().value(),
                    "The payment is " + payment.status().value() + "; only a captured payment can be refunded");
        }
        BigDecimal captured = payment.amount().amount();
        BigDecimal committed = refunds.committed(payment.id());
        BigDecimal refundable = captured.subtract(committed);
        BigDecimal requested = amount == null ? refundable : amount;
        if (requested.signum() <= 0 || requested.compareTo(refundable) > 0) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    ErrorCodes.REFUND_EXCEEDS_CAPTURED,
                    "A refund of " + requested.toPlainString() + " "
                            + payment.amount().currency()
                            + " exceeds what can still be refunded: " + refundable.toPlainString() + " of "
                            + captured.toPlainString() + " captured",
                    List.of(),
                    Map.of(
                            "capturedAmount",
                            payment.amount(),
                            "refundableAmount",
                            new Money(refundable, payment.amount().currency())),
                    null);
        }
        Instant now = now();
        Refund refund = new Refund(
                UUID.randomUUID(),
                payment.id(),
                payment.orderId(),
                payment.userId(),
                new Money(requested, payment.amount().currency()),
                RefundStatus.PENDING,
                reason,
                null,
                null,
                null,
                requestedBy,
                automaticKey != null,
                now,
                now,
                null);
        refunds.insert(
                refund, automaticKey, now.plus(properties.reconciliation().grace()));
        events.publishEvent(new RefundRequested(payment, refund));
        return refund;
    }

    /** Applies the gateway's answer to a pending refund (a settled one is left as it is). */
    @Transactional
    public Refund settleRefund(UUID refundId, RefundResult result) {
        Refund refund = refunds.find(refundId).orElseThrow(() -> ApiException.notFound("Refund"));
        PaymentRepository.Row row = payments.lock(refund.paymentId()).orElseThrow();
        refund = refunds.find(refundId).orElseThrow();
        if (refund.status() != RefundStatus.PENDING) {
            return refund;
        }
        Instant now = now();
        return switch (result) {
            case RefundResult.Succeeded succeeded -> {
                Refund done =
                        refunds.settle(refundId, RefundStatus.SUCCEEDED, succeeded.providerRef(), null, null, now);
                yield recordRefunded(row, done);
            }
            case RefundResult.Failed failed -> {
                Refund done = refunds.settle(
                        refundId, RefundStatus.FAILED, failed.providerRef(), failed.code(), failed.message(), now);
                events.publishEvent(new RefundFailed(row.payment(), done, row.status()));
                yield done;
            }
            case RefundResult.Pending pending -> {
                refunds.scheduleCheck(
                        refundId,
                        pending.providerRef(),
                        "pending at " + gateway.name(),
                        now.plus(properties.reconciliation().backoff(refunds.reconcileAttempts(refundId))),
                        now);
                yield refunds.find(refundId).orElseThrow();
            }
            case RefundResult.NotFound notFound ->
                throw new IllegalArgumentException("A refund that was not found settles nothing");
        };
    }

    @Transactional
    public void refundStillUnknown(UUID refundId, @Nullable String providerRef, String error) {
        Instant now = now();
        refunds.scheduleCheck(
                refundId,
                providerRef,
                error,
                now.plus(properties.reconciliation().backoff(refunds.reconcileAttempts(refundId))),
                now);
    }

    /**
     * The provider reports one refund of the payment (Stripe's {@code charge.refund.updated}, or an item of
     * {@code charge.refunded}), matched to ours by the provider's refund id or our id in its metadata —
     * never by amount. A pending refund of ours is settled with the provider's answer; one of ours that
     * had succeeded and now failed is marked failed and its amount leaves the payment's refunded total; a
     * succeeded refund we do not know was made at the provider directly and is recorded as such. True when
     * anything changed.
     */
    @Transactional
    public boolean applyProviderRefund(UUID paymentId, ProviderRefund reported) {
        PaymentRepository.Row row = payments.lock(paymentId).orElseThrow();
        Optional<Refund> ours = refunds.findAtProvider(paymentId, reported.providerRef(), reported.ourId());
        if (ours.isEmpty()) {
            if (!(reported.result() instanceof RefundResult.Succeeded)
                    || !row.status().isCaptured()) {
                return false;
            }
            BigDecimal refundable = row.payment().amount().amount().subtract(refunds.succeeded(paymentId));
            BigDecimal amount = reported.amount().min(refundable);
            if (amount.signum() <= 0) {
                return false;
            }
            recordExternalRefund(row, amount, reported.providerRef());
            return true;
        }
        Refund refund = ours.get();
        return switch (refund.status()) {
            case PENDING -> {
                settleRefund(refund.id(), reported.result());
                yield refunds.find(refund.id()).orElseThrow().status() != RefundStatus.PENDING;
            }
            case SUCCEEDED -> {
                if (!(reported.result() instanceof RefundResult.Failed failed)) {
                    yield false;
                }
                Refund undone = refunds.failAfterSuccess(refund.id(), failed.code(), failed.message(), now());
                Payment payment = payments.refunded(row, refunds.succeeded(paymentId), now());
                events.publishEvent(new RefundFailed(payment, undone, row.status()));
                yield true;
            }
            case FAILED -> false;
        };
    }

    /**
     * The provider says {@code totalRefunded} of the payment has been refunded (Stripe's {@code
     * charge.refunded} without its refund list): which of our pending refunds that covers is not known,
     * so they are checked with the provider by their ids now; only what exceeds every refund we know of
     * was certainly refunded at the provider directly and is recorded as such. Applying the same total
     * twice changes nothing. True when anything changed.
     */
    @Transactional
    public boolean applyRefundedTotal(UUID paymentId, BigDecimal totalRefunded) {
        PaymentRepository.Row row = payments.lock(paymentId).orElseThrow();
        if (!row.status().isCaptured()) {
            return false;
        }
        BigDecimal known = refunds.succeeded(paymentId);
        BigDecimal pending = refunds.pending(paymentId);
        BigDecimal unexplained =
                totalRefunded.min(row.payment().amount().amount()).subtract(known);
        if (unexplained.signum() <= 0) {
            return false;
        }
        refunds.checkPendingNow(paymentId, now());
        BigDecimal external = unexplained.subtract(pending);
        if (external.signum() > 0) {
            recordExternalRefund(row, external, null);
        }
        return true;
    }

    private void recordExternalRefund(PaymentRepository.Row row, BigDecimal amount, @Nullable String providerRef) {
        Instant now = now();
        Refund external = new Refund(
                UUID.randomUUID(),
                row.id(),
                row.payment().orderId(),
                row.payment().userId(),
                new Money(amount, row.payment().amount().currency()),
                RefundStatus.SUCCEEDED,
                "Refunded at " + row.payment().provider(),
                providerRef,
                null,
                null,
                null,
                false,
                now,
                now,
                now);
        refunds.insert(external, null, null);
        recordRefunded(row, external);
    }

    /**
     * The provider reports a payment we recorded as failed as captured after all (Stripe's {@code
     * payment_intent.succeeded} after a decline, e.g. confirmed again outside the platform). The money
     * goes back: a full refund is recorded — once, however often the provider says so — for the agent to
     * send, and the order's timeline tells the admins and the customer. The payment stays {@code failed},
     * so the order can be paid as before. Empty when it is not a failed payment or was refunded before.
     */
    @Transactional
    public Optional<Refund> refundCapturedAfterFailure(UUID paymentId, String providerRef, String reportedBy) {
        PaymentRepository.Row row = payments.lock(paymentId).orElseThrow();
        if (row.status() != PaymentStatus.FAILED
                || refunds.findAutomatic(paymentId, CAPTURED_AFTER_FAILURE).isPresent()) {
            return Optional.empty();
        }
        payments.recordProviderRef(paymentId, providerRef);
        Payment payment = payments.find(paymentId).orElseThrow().payment();
        Instant now = now();
        Refund refund = new Refund(
                UUID.randomUUID(),
                paymentId,
                payment.orderId(),
                payment.userId(),
                payment.amount(),
                RefundStatus.PENDING,
                "Captured at " + payment.provider() + " after it was recorded as failed (" + reportedBy + ")",
                null,
                null,
                null,
                null,
                true,
                now,
                now,
                null);
        refunds.insert(
                refund,
                CAPTURED_AFTER_FAILURE,
                now.plus(properties.reconciliation().grace()));
        events.publishEvent(new RefundRequested(payment, refund));
        orders.addNote(
                payment.orderId(),
                Actor.system(),
                TimelineNote.of(
                                TimelineNote.Kind.CAPTURED_AFTER_FAILURE_REFUNDED,
                                "Payment " + paymentId + " was captured at " + payment.provider()
                                        + " after it had failed; its "
                                        + payment.amount().amount().toPlainString() + " "
                                        + payment.amount().currency()
                                        + " are refunded automatically (refund " + refund.id() + ")")
                        .with("amount", payment.amount())
                        .with("paymentId", paymentId)
                        .with("refundId", refund.id()));
        return Optional.of(refund);
    }

    private Refund recordRefunded(PaymentRepository.Row row, Refund refund) {
        PaymentStatus before = row.status();
        Payment updated = payments.refunded(row, refunds.succeeded(row.id()), now());
        events.publishEvent(new PaymentRefunded(updated, refund, before));
        return refund;
    }

    // ---- reads --------------------------------------------------------------------------------

    /** The payment when the user owns it or is an admin; 404 otherwise. */
    @Transactional(readOnly = true)
    public Payment get(UUID paymentId, CurrentUser user) {
        return payments.find(paymentId)
                .map(PaymentRepository.Row::payment)
                .filter(p -> user.isAdmin() || p.userId().equals(user.id()))
                .orElseThrow(() -> ApiException.notFound("Payment"));
    }

    @Transactional(readOnly = true)
    public PageResponse<Payment> ofOrder(UUID orderId, CurrentUser user, PageQuery page) {
        if (!orders.isVisibleTo(orderId, user)) {
            throw ApiException.notFound("Order");
        }
        List<Payment> items = payments.ofOrder(orderId, page);
        long total = items.size() < page.size() && (!items.isEmpty() || page.offset() == 0)
                ? page.offset() + items.size()
                : payments.countOfOrder(orderId);
        return PageResponse.of(items, page, total);
    }

    @Transactional(readOnly = true)
    public List<Refund> refundsOf(UUID paymentId, CurrentUser user) {
        return refunds.ofPayment(get(paymentId, user).id());
    }

    @Transactional(readOnly = true)
    public Optional<Refund> findRefund(UUID refundId) {
        return refunds.find(refundId);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Payment> find(UUID paymentId) {
        return payments.find(paymentId).map(PaymentRepository.Row::payment);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Payment> forOrder(UUID orderId) {
        return payments.ofOrder(orderId, new PageQuery(0, 1000, "createdAt", false));
    }

    @Override
    @Transactional(readOnly = true)
    public List<Refund> refunds(UUID paymentId) {
        return refunds.ofPayment(paymentId);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean isVisibleTo(UUID paymentId, CurrentUser user) {
        return payments.find(paymentId)
                .filter(row -> user.isAdmin() || row.payment().userId().equals(user.id()))
                .isPresent();
    }

    @Override
    @Transactional(readOnly = true)
    public Map<PaymentStatus, Long> countByStatus() {
        return payments.countByStatus();
    }

    @Override
    @Transactional(readOnly = true)
    public List<PaymentHourlyOutcomes> hourlyOutcomes(Instant from, Instant to) {
        return payments.hourlyOutcomes(from, to);
    }

    private static Money zero(Money like) {
        return new Money(BigDecimal.ZERO, like.currency());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
