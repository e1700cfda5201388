package dev.miyabi.platform.payments.internal;

import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.orders.OrderSnapshot;
import dev.miyabi.platform.orders.OrderStatus;
import dev.miyabi.platform.orders.Orders;
import dev.miyabi.platform.orders.TimelineNote;
import dev.miyabi.platform.payments.Payment;
import dev.miyabi.platform.payments.PaymentHourlyOutcomes;
import dev.miyabi.platform.payments.PaymentStatus;
import dev.miyabi.platform.payments.Payments;
import dev.miyabi.platform.payments.Refund;
import dev.miyabi.platform.payments.RefundStatus;
import dev.miyabi.platform.shared.Actor;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.InvalidStateTransition;
import dev.miyabi.platform.shared.Money;
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
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payments and refunds, one transaction per change: each loads the payment under its row lock, lets the
 * {@link PaymentAggregate} apply the rule (who may pay, applying the gateway's answers, refunds never
 * exceeding what was captured), saves it and publishes its events. Here: at most one live payment per
 * order, and a captured payment moves its order to {@code paid} in the same transaction. Gateway calls
 * happen outside these transactions ({@link PaymentProcessor}).
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
     * Records a {@code processing} payment of the order's total ({@link PaymentAggregate#start}), unless
     * another payment of the order is processing or captured.
     */
    @Transactional
    public Payment start(UUID orderId, CurrentUser payer, String paymentMethod) {
        OrderSnapshot order = orders.find(orderId)
                .filter(o -> o.userId().equals(payer.id()) || payer.isAdmin())
                .orElseThrow(() -> ApiException.notFound("Order"));
        Instant now = now();
        PaymentAggregate payment =
                PaymentAggregate.start(UUID.randomUUID(), order, payer, gateway.name(), paymentMethod, now);
        if (!payments.insertIfNoneLive(
                payment, now.plus(properties.reconciliation().grace()))) {
            throw new InvalidStateTransition(
                    order.status().value(),
                    "The order already has a payment that is processing or succeeded; wait for it to settle");
        }
        IdempotentResources.created(PaymentReplays.PAYMENT, payment.id());
        publish(payment);
        return payment.snapshot();
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
        PaymentAggregate payment = payments.lock(paymentId).orElseThrow(() -> ApiException.notFound("Payment"));
        if (!payment.isProcessing()) {
            return new Settlement(payment.snapshot(), null);
        }
        return switch (result) {
            case ChargeResult.Succeeded succeeded -> {
                payment.capture(succeeded.providerRef(), succeeded.paymentMethodType(), now());
                save(payment);
                yield payOrder(payment, by, via);
            }
            case ChargeResult.Declined declined -> {
                payment.decline(declined.providerRef(), declined.code(), declined.message(), now());
                save(payment);
                yield new Settlement(payment.snapshot(), null);
            }
            case ChargeResult.Pending pending -> {
                scheduleCheck(
                        payment.id(),
                        payment.reconcileAttempts(),
                        pending.providerRef(),
                        "pending at " + gateway.name());
                yield new Settlement(payments.find(paymentId).orElseThrow().payment(), null);
            }
            case ChargeResult.NotFound notFound ->
                throw new IllegalArgumentException("A charge that was not found settles nothing");
        };
    }

    /** The captured payment moves its order to {@code paid}, or is refunded when the order stopped being payable. */
    private Settlement payOrder(PaymentAggregate payment, Actor by, String via) {
        Payment paid = payment.snapshot();
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
        Refund refund = refund(
                payment,
                null,
                "The order was " + order.status().value() + " before its payment completed",
                null,
                ORDER_NOT_PAYABLE);
        return new Settlement(payment.snapshot(), refund.id());
    }

    /** The answer is still unknown: ask again after the backoff for the checks made so far. */
    @Transactional
    public void stillUnknown(UUID paymentId, @Nullable String providerRef, String error) {
        payments.find(paymentId).ifPresent(row -> scheduleCheck(row.id(), row.reconcileAttempts(), providerRef, error));
    }

    private void scheduleCheck(UUID paymentId, int checksMade, @Nullable String providerRef, String error) {
        Instant now = now();
        payments.scheduleCheck(
                paymentId,
                providerRef,
                error,
                now.plus(properties.reconciliation().backoff(checksMade)),
                now);
    }

    // ---- refunds ------------------------------------------------------------------------------

    /** An admin refunds {@code amount} (null: all that is left) of a captured payment. */
    @Transactional
    public Refund requestRefund(
            UUID paymentId, @Nullable BigDecimal amount, @Nullable String reason, CurrentUser admin) {
        PaymentAggregate payment = payments.lock(paymentId).orElseThrow(() -> ApiException.notFound("Payment"));
        Refund refund = refund(payment, amount, reason, admin.id(), null);
        IdempotentResources.created(PaymentReplays.REFUND, refund.id());
        return refund;
    }

    /**
     * The platform refunds what is left of the order's captured payment, once per {@code key} (so a
     * redelivered event refunds nothing more). Empty when nothing was captured or nothing is left.
     */
    @Transactional
    public Optional<Refund> refundOrder(UUID orderId, String key, String reason) {
        Optional<PaymentAggregate> payment = payments.lockCapturedOfOrder(orderId);
        if (payment.isEmpty()) {
            return Optional.empty();
        }
        Optional<Refund> existing = refunds.findAutomatic(payment.get().id(), key);
        if (existing.isPresent()) {
            return existing;
        }
        if (refunds.committed(payment.get().id())
                        .compareTo(payment.get().amount().amount())
                >= 0) {
            return Optional.empty();
        }
        return Optional.of(refund(payment.get(), null, reason, null, key));
    }

    /** A pending refund of the locked payment: the platform's own when {@code automaticKey} is given. */
    private Refund refund(
            PaymentAggregate payment,
            @Nullable BigDecimal amount,
            @Nullable String reason,
            @Nullable UUID requestedBy,
            @Nullable String automaticKey) {
        Instant now = now();
        Refund refund =
                payment.refund(amount, refunds.committed(payment.id()), reason, requestedBy, automaticKey != null, now);
        refunds.insert(
                refund, automaticKey, now.plus(properties.reconciliation().grace()));
        publish(payment);
        return refund;
    }

    /** Applies the gateway's answer to a pending refund (a settled one is left as it is). */
    @Transactional
    public Refund settleRefund(UUID refundId, RefundResult result) {
        Refund refund = refunds.find(refundId).orElseThrow(() -> ApiException.notFound("Refund"));
        PaymentAggregate payment = payments.lock(refund.paymentId()).orElseThrow();
        refund = refunds.find(refundId).orElseThrow();
        if (refund.status() != RefundStatus.PENDING) {
            return refund;
        }
        Instant now = now();
        return switch (result) {
            case RefundResult.Succeeded succeeded -> {
                Refund done = refunds.succeed(refundId, succeeded.providerRef(), now);
                payment.recordRefunded(done, refunds.succeeded(payment.id()), now);
                save(payment);
                yield done;
            }
            case RefundResult.Failed failed -> {
                Refund done = refunds.fail(refundId, failed.providerRef(), failed.code(), failed.message(), now);
                payment.recordRefundFailed(done);
                publish(payment);
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
        PaymentAggregate payment = payments.lock(paymentId).orElseThrow();
        Optional<Refund> ours = refunds.findAtProvider(paymentId, reported.providerRef(), reported.ourId());
        if (ours.isEmpty()) {
            if (!(reported.result() instanceof RefundResult.Succeeded)
                    || !payment.status().isCaptured()) {
                return false;
            }
            BigDecimal succeeded = refunds.succeeded(paymentId);
            BigDecimal amount = reported.amount().min(payment.amount().amount().subtract(succeeded));
            if (amount.signum() <= 0) {
                return false;
            }
            recordExternalRefund(payment, amount, reported.providerRef(), succeeded);
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
                Instant now = now();
                Refund undone = refunds.failAfterSuccess(refund.id(), failed.code(), failed.message(), now);
                payment.recordRefundFailedAfterSuccess(undone, refunds.succeeded(paymentId), now);
                save(payment);
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
        PaymentAggregate payment = payments.lock(paymentId).orElseThrow();
        if (!payment.status().isCaptured()) {
            return false;
        }
        BigDecimal known = refunds.succeeded(paymentId);
        BigDecimal pending = refunds.pending(paymentId);
        BigDecimal unexplained = totalRefunded.min(payment.amount().amount()).subtract(known);
        if (unexplained.signum() <= 0) {
            return false;
        }
        refunds.checkPendingNow(paymentId, now());
        BigDecimal external = unexplained.subtract(pending);
        if (external.signum() > 0) {
            recordExternalRefund(payment, external, null, known);
        }
        return true;
    }

    private void recordExternalRefund(
            PaymentAggregate payment, BigDecimal amount, @Nullable String providerRef, BigDecimal succeededBefore) {
        Refund external = payment.refundedAtProvider(amount, providerRef, succeededBefore, now());
        refunds.insert(external, null, null);
        save(payment);
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
        PaymentAggregate payment = payments.lock(paymentId).orElseThrow();
        if (payment.status() != PaymentStatus.FAILED
                || refunds.findAutomatic(paymentId, CAPTURED_AFTER_FAILURE).isPresent()) {
            return Optional.empty();
        }
        Instant now = now();
        Refund refund = payment.refundCapturedAfterFailure(
                providerRef,
                "Captured at " + payment.provider() + " after it was recorded as failed (" + reportedBy + ")",
                now);
        refunds.insert(
                refund,
                CAPTURED_AFTER_FAILURE,
                now.plus(properties.reconciliation().grace()));
        save(payment);
        Money amount = payment.amount();
        orders.addNote(
                payment.orderId(),
                Actor.system(),
                TimelineNote.of(
                                TimelineNote.Kind.CAPTURED_AFTER_FAILURE_REFUNDED,
                                "Payment " + paymentId + " was captured at " + payment.provider()
                                        + " after it had failed; its "
                                        + amount.amount().toPlainString() + " "
                                        + amount.currency()
                                        + " are refunded automatically (refund " + refund.id() + ")")
                        .with("amount", amount)
                        .with("paymentId", paymentId)
                        .with("refundId", refund.id()));
        return Optional.of(refund);
    }

    /** Stores the payment's changes and publishes their events. */
    private void save(PaymentAggregate payment) {
        payments.save(payment);
        publish(payment);
    }

    private void publish(PaymentAggregate payment) {
        payment.pullEvents().forEach(events::publishEvent);
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

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
