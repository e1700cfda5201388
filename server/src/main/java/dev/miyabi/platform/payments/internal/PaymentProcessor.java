package dev.miyabi.platform.payments.internal;

import dev.miyabi.platform.payments.Payment;
import dev.miyabi.platform.payments.PaymentStatus;
import dev.miyabi.platform.payments.Refund;
import dev.miyabi.platform.payments.RefundStatus;
import dev.miyabi.platform.shared.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Talks to the gateway on behalf of the PaymentProcessorAgent and reconciliation, outside any
 * transaction (a slow provider never holds a database connection), and hands its answers to {@link
 * PaymentService}. Calls whose outcome is unknown are retried a few times with the same idempotency key;
 * if it stays unknown the payment stays {@code processing} and reconciliation asks again later. Nothing
 * here can charge twice: every call for a payment is the same idempotent charge at the provider.
 */
@Component
class PaymentProcessor {

    private static final Logger log = LoggerFactory.getLogger(PaymentProcessor.class);

    private final PaymentService service;
    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final PaymentGateway gateway;
    private final PaymentsProperties properties;
    private final Clock clock;
    private final GatewayRetries retries;

    PaymentProcessor(
            PaymentService service,
            PaymentRepository payments,
            RefundRepository refunds,
            PaymentGateway gateway,
            PaymentsProperties properties,
            Clock clock) {
        this.service = service;
        this.payments = payments;
        this.refunds = refunds;
        this.gateway = gateway;
        this.properties = properties;
        this.clock = clock;
        this.retries = new GatewayRetries(properties.retry());
    }

    /** Charges a {@code processing} payment and records the answer; a settled payment is returned as it is. */
    public PaymentService.Settlement charge(UUID paymentId) {
        PaymentRepository.Row row =
                payments.find(paymentId).orElseThrow(() -> new IllegalArgumentException("No payment " + paymentId));
        if (row.status() != PaymentStatus.PROCESSING) {
            return new PaymentService.Settlement(row.payment(), null);
        }
        try {
            ChargeResult result = retries.call("Charge of payment " + paymentId, () -> gateway.charge(request(row)));
            PaymentService.Settlement settlement = service.settle(paymentId, result, PaymentService.AGENT, "");
            log.info(
                    "Payment {} of order {}: {}",
                    paymentId,
                    row.payment().orderId(),
                    settlement.payment().status().value());
            return settlement;
        } catch (GatewayException e) {
            log.warn(
                    "Payment {}: the outcome is unknown ({}); reconciliation will settle it",
                    paymentId,
                    e.getMessage());
            service.stillUnknown(paymentId, null, e.reason() + ": " + e.getMessage());
            return new PaymentService.Settlement(
                    payments.find(paymentId).orElseThrow().payment(), null);
        }
    }

    /** Sends a pending refund to the gateway and records the answer; a settled refund is returned as it is. */
    public Refund refund(UUID refundId) {
        Refund refund = refunds.find(refundId).orElseThrow(() -> new IllegalArgumentException("No refund " + refundId));
        if (refund.status() != RefundStatus.PENDING) {
            return refund;
        }
        Payment payment = payments.find(refund.paymentId()).orElseThrow().payment();
        if (!payment.provider().equals(gateway.name())) {
            log.info(
                    "Refund {} is of a {} payment; it stays pending for an instance of that provider",
                    refundId,
                    payment.provider());
            return refund;
        }
        try {
            RefundResult result =
                    retries.call("Refund " + refundId, () -> gateway.refund(refundRequest(refund, payment)));
            Refund settled = service.settleRefund(refundId, result);
            log.info(
                    "Refund {} of payment {}: {}",
                    refundId,
                    payment.id(),
                    settled.status().value());
            return settled;
        } catch (GatewayException e) {
            log.warn("Refund {}: the outcome is unknown ({}); reconciliation will settle it", refundId, e.getMessage());
            service.refundStillUnknown(refundId, null, e.reason() + ": " + e.getMessage());
            return refunds.find(refundId).orElseThrow();
        }
    }

    /**
     * Asks the gateway what became of a payment whose outcome was unknown. If the provider has no such
     * charge and the idempotency key is still valid there, the same charge is asked for again (it cannot
     * be made twice); a payment unknown for longer than {@code giveUpAfter} that the provider never
     * made is failed, and so is one the provider keeps refusing to tell about (401, 403, another 4xx) for
     * that long.
     */
    public void reconcilePayment(UUID paymentId) {
        PaymentRepository.Row row = payments.find(paymentId).orElseThrow();
        if (row.status() != PaymentStatus.PROCESSING) {
            return;
        }
        Payment payment = row.payment();
        try {
            ChargeResult found = gateway.lookup(new ChargeLookup(
                    ChargeRequest.keyFor(paymentId), paymentId, payment.amount(), payment.providerRef()));
            if (found instanceof ChargeResult.NotFound) {
                Duration age = Duration.between(payment.createdAt(), clock.instant());
                if (age.compareTo(properties.reconciliation().reissueWindow()) < 0) {
                    found = gateway.charge(request(row));
                } else if (age.compareTo(properties.reconciliation().giveUpAfter()) >= 0) {
                    found = new ChargeResult.Declined(
                            null, "processing_error", "The payment provider never confirmed this charge");
                } else {
                    service.stillUnknown(paymentId, null, "not found at " + gateway.name());
                    return;
                }
            }
            PaymentService.Settlement settlement = service.settle(paymentId, found, Actor.system(), ", reconciled");
            log.info(
                    "Reconciled payment {}: {}",
                    paymentId,
                    settlement.payment().status().value());
            if (settlement.refundToRun() != null) {
                refund(settlement.refundToRun());
            }
        } catch (GatewayException e) {
            if (refusedForGood(e, payment.createdAt())) {
                log.warn(
                        "Reconciling payment {}: the provider still refuses to answer ({}); failing it after {}",
                        paymentId,
                        e.getMessage(),
                        properties.reconciliation().giveUpAfter());
                service.settle(
                        paymentId,
                        new ChargeResult.Declined(
                                payment.providerRef(),
                                "processing_error",
                                "The payment provider never confirmed this charge (" + e.reason() + ")"),
                        Actor.system(),
                        ", reconciled");
                return;
            }
            log.warn("Reconciling payment {} failed ({}); asking again later", paymentId, e.getMessage());
            service.stillUnknown(paymentId, null, e.reason() + ": " + e.getMessage());
        }
    }

    /** Like {@link #reconcilePayment} for a refund whose outcome was unknown. */
    public void reconcileRefund(UUID refundId) {
        Refund refund = refunds.find(refundId).orElseThrow();
        if (refund.status() != RefundStatus.PENDING) {
            return;
        }
        Payment payment = payments.find(refund.paymentId()).orElseThrow().payment();
        try {
            RefundResult found = gateway.lookupRefund(new RefundLookup(
                    RefundRequest.keyFor(refundId),
                    refundId,
                    Objects.requireNonNull(payment.providerRef()),
                    refund.providerRef()));
            if (found instanceof RefundResult.NotFound) {
                Duration age = Duration.between(refund.createdAt(), clock.instant());
                if (age.compareTo(properties.reconciliation().reissueWindow()) < 0) {
                    found = gateway.refund(refundRequest(refund, payment));
                } else if (age.compareTo(properties.reconciliation().giveUpAfter()) >= 0) {
                    found = new RefundResult.Failed(
                            null, "processing_error", "The provider never confirmed this refund");
                } else {
                    service.refundStillUnknown(refundId, null, "not found at " + gateway.name());
                    return;
                }
            }
            Refund settled = service.settleRefund(refundId, found);
            log.info("Reconciled refund {}: {}", refundId, settled.status().value());
        } catch (GatewayException e) {
            if (refusedForGood(e, refund.createdAt())) {
                log.warn(
                        "Reconciling refund {}: the provider still refuses to answer ({}); failing it after {}",
                        refundId,
                        e.getMessage(),
                        properties.reconciliation().giveUpAfter());
                service.settleRefund(
                        refundId,
                        new RefundResult.Failed(
                                refund.providerRef(),
                                "processing_error",
                                "The provider never confirmed this refund (" + e.reason() + ")"));
                return;
            }
            log.warn("Reconciling refund {} failed ({}); asking again later", refundId, e.getMessage());
            service.refundStillUnknown(refundId, null, e.reason() + ": " + e.getMessage());
        }
    }

    /**
     * The provider refuses to answer in a way asking again does not cure (401, 403, another 4xx) and has
     * done so for {@code giveUpAfter}, the same bound as a charge it has no record of: the outcome will
     * not be known, so the payment or refund is failed rather than left processing for ever.
     */
    private boolean refusedForGood(GatewayException e, Instant since) {
        return !e.retryable()
                && !e.reason().equals("interrupted")
                && Duration.between(since, clock.instant())
                                .compareTo(properties.reconciliation().giveUpAfter())
                        >= 0;
    }

    private ChargeRequest request(PaymentRepository.Row row) {
        Payment payment = row.payment();
        return new ChargeRequest(
                ChargeRequest.keyFor(payment.id()),
                payment.id(),
                payment.orderId(),
                payment.amount(),
                row.paymentMethod(),
                "Miyabi order " + payment.orderId());
    }

    private static RefundRequest refundRequest(Refund refund, Payment payment) {
        if (payment.providerRef() == null) {
            throw new IllegalStateException("Payment " + payment.id() + " was captured without a provider reference");
        }
        return new RefundRequest(
                RefundRequest.keyFor(refund.id()),
                refund.id(),
                payment.providerRef(),
                refund.amount(),
                refund.reason());
    }
}
