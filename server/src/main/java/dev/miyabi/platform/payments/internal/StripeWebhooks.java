package dev.miyabi.platform.payments.internal;

import dev.miyabi.platform.payments.PaymentStatus;
import dev.miyabi.platform.payments.Refund;
import dev.miyabi.platform.shared.Actor;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Applies Stripe's events to our payments, each event once: its id is recorded in the same transaction
 * that applies it, so a redelivery (or a concurrent duplicate) is acknowledged and ignored.
 *
 * <ul>
 *   <li>{@code payment_intent.succeeded}: a processing payment is captured (and its order paid);
 *   <li>{@code payment_intent.payment_failed}: a processing payment fails with the decline code;
 *   <li>{@code payment_intent.succeeded} for a payment recorded as failed: the money is refunded
 *       automatically (once) and the order's timeline says so; the order stays payable;
 *   <li>{@code charge.refunded}: each refund it lists settles the refund of ours with that Stripe id (or
 *       our id in its metadata), and one we do not know is recorded as made at Stripe directly. Without
 *       the list, pending refunds are checked with Stripe by id, and only what exceeds every refund we
 *       know of is recorded as made at Stripe; refunds are never matched by amount;
 *   <li>{@code charge.refund.updated}: the refund it carries, likewise — including one that failed after
 *       it had succeeded.
 * </ul>
 *
 * Payments are found by the PaymentIntent id, else by our {@code metadata.miyabi_payment_id}. Events
 * about payments we do not know, and other event types, are acknowledged and change nothing.
 */
@Service
class StripeWebhooks {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);

    /** What applying an event did. {@code refundToRun}: a refund to hand to the agent after commit. */
    public record Applied(
            boolean duplicate, boolean changed, @Nullable UUID refundToRun) {}

    private final WebhookEvents events;
    private final PaymentRepository payments;
    private final PaymentService service;

    StripeWebhooks(WebhookEvents events, PaymentRepository payments, PaymentService service) {
        this.events = events;
        this.payments = payments;
        this.service = service;
    }

    @Transactional
    public Applied apply(JsonNode event) {
        String id = StripePaymentGateway.text(event, "id");
        String type = StripePaymentGateway.text(event, "type");
        if (id == null || type == null) {
            throw new IllegalArgumentException("A Stripe event has an id and a type");
        }
        if (!events.record("stripe", id, type)) {
            log.info("Stripe event {} ({}) was applied before; ignored", id, type);
            return new Applied(true, false, null);
        }
        JsonNode object = event.path("data").path("object");
        return switch (type) {
            case "payment_intent.succeeded", "payment_intent.payment_failed" -> paymentIntent(id, type, object);
            case "charge.refunded" -> chargeRefunded(id, object);
            case "charge.refund.updated" -> refundUpdated(id, object);
            default -> new Applied(false, false, null);
        };
    }

    private Applied paymentIntent(String eventId, String type, JsonNode intent) {
        Optional<UUID> payment = paymentOf(
                StripePaymentGateway.text(intent, "id"),
                StripePaymentGateway.text(intent.path("metadata"), "miyabi_payment_id"));
        if (payment.isEmpty()) {
            log.info("Stripe event {} ({}) is about no payment of ours; ignored", eventId, type);
            return new Applied(false, false, null);
        }
        PaymentRepository.Row recorded = payments.find(payment.get()).orElseThrow();
        ChargeResult result;
        try {
            result = StripePaymentGateway.paymentIntent(
                    intent, recorded.payment().amount());
        } catch (GatewayException mismatch) {
            // Never applied: reconciliation asks Stripe again, and gives up after its bound.
            log.warn(
                    "Stripe event {} ({}) ignored for payment {}: {}",
                    eventId,
                    type,
                    payment.get(),
                    mismatch.getMessage());
            return new Applied(false, false, null);
        }
        if (type.equals("payment_intent.payment_failed") && !(result instanceof ChargeResult.Declined)) {
            JsonNode error = intent.path("last_payment_error");
            result = new ChargeResult.Declined(
                    StripePaymentGateway.text(intent, "id"),
                    Optional.ofNullable(StripePaymentGateway.text(error, "decline_code"))
                            .or(() -> Optional.ofNullable(StripePaymentGateway.text(error, "code")))
                            .orElse("payment_failed"),
                    Optional.ofNullable(StripePaymentGateway.text(error, "message"))
                            .orElse("The payment failed"));
        }
        if (result instanceof ChargeResult.Pending || result instanceof ChargeResult.NotFound) {
            return new Applied(false, false, null);
        }
        PaymentStatus before = recorded.status();
        if (before == PaymentStatus.FAILED && result instanceof ChargeResult.Succeeded succeeded) {
            // The platform never confirms a PaymentIntent twice: a success after a decline was made outside
            // it (the dashboard, a retried confirmation). The customer was told it failed, so it goes back.
            Optional<Refund> refund = service.refundCapturedAfterFailure(
                    payment.get(), succeeded.providerRef(), "Stripe event " + eventId);
            log.warn(
                    "Stripe event {} says payment {} succeeded, but it was recorded as failed: {}",
                    eventId,
                    payment.get(),
                    refund.map(r -> "refunding it automatically (refund " + r.id() + ")")
                            .orElse("refunded before"));
            return new Applied(false, refund.isPresent(), refund.map(Refund::id).orElse(null));
        }
        PaymentService.Settlement settlement =
                service.settle(payment.get(), result, Actor.system(), ", confirmed by a Stripe webhook");
        boolean changed = before != settlement.payment().status();
        if (!changed) {
            log.info(
                    "Stripe event {} ({}) found payment {} already {}; nothing changed",
                    eventId,
                    type,
                    payment.get(),
                    before.value());
        }
        return new Applied(false, changed, settlement.refundToRun());
    }

    private Applied chargeRefunded(String eventId, JsonNode charge) {
        Optional<UUID> payment = paymentOf(
                StripePaymentGateway.text(charge, "payment_intent"),
                StripePaymentGateway.text(charge.path("metadata"), "miyabi_payment_id"));
        String currency = StripePaymentGateway.text(charge, "currency");
        JsonNode refunded = charge.path("amount_refunded");
        if (payment.isEmpty() || currency == null || !refunded.canConvertToLong()) {
            log.info("Stripe event {} (charge.refunded) is about no payment of ours; ignored", eventId);
            return new Applied(false, false, null);
        }
        JsonNode listed = charge.path("refunds").path("data");
        if (!listed.isArray()) {
            // API versions since 2022-11-15 leave the list out: which refunds the total covers is unknown.
            boolean changed = service.applyRefundedTotal(
                    payment.get(),
                    MinorUnits.toMoney(refunded.asLong(), currency).amount());
            return new Applied(false, changed, null);
        }
        boolean changed = false;
        for (JsonNode refund : listed) {
            Optional<ProviderRefund> reported = providerRefund(refund, currency);
            if (reported.isPresent()) {
                changed |= service.applyProviderRefund(payment.get(), reported.get());
            }
        }
        return new Applied(false, changed, null);
    }

    private Applied refundUpdated(String eventId, JsonNode refund) {
        Optional<UUID> payment = paymentOf(StripePaymentGateway.text(refund, "payment_intent"), null);
        String currency = StripePaymentGateway.text(refund, "currency");
        Optional<ProviderRefund> reported = currency == null ? Optional.empty() : providerRefund(refund, currency);
        if (payment.isEmpty() || reported.isEmpty()) {
            log.info("Stripe event {} (charge.refund.updated) is about no refund of ours; ignored", eventId);
            return new Applied(false, false, null);
        }
        boolean changed = service.applyProviderRefund(payment.get(), reported.get());
        if (changed && reported.get().result() instanceof RefundResult.Failed failed) {
            log.warn(
                    "Stripe event {}: refund {} of payment {} failed ({})",
                    eventId,
                    reported.get().providerRef(),
                    payment.get(),
                    failed.code());
        }
        return new Applied(false, changed, null);
    }

    private static Optional<ProviderRefund> providerRefund(JsonNode refund, String currency) {
        String id = StripePaymentGateway.text(refund, "id");
        JsonNode amount = refund.path("amount");
        if (id == null || !amount.canConvertToLong()) {
            return Optional.empty();
        }
        UUID ours = null;
        String metadata = StripePaymentGateway.text(refund.path("metadata"), "miyabi_refund_id");
        if (metadata != null) {
            try {
                ours = UUID.fromString(metadata);
            } catch (IllegalArgumentException notOurs) {
                ours = null;
            }
        }
        return Optional.of(new ProviderRefund(
                id,
                ours,
                MinorUnits.toMoney(amount.asLong(), currency).amount(),
                StripePaymentGateway.refundObject(refund)));
    }

    private Optional<UUID> paymentOf(@Nullable String providerRef, @Nullable String metadataId) {
        if (providerRef != null) {
            Optional<PaymentRepository.Row> byRef = payments.lockByProviderRef("stripe", providerRef);
            if (byRef.isPresent()) {
                return Optional.of(byRef.get().id());
            }
        }
        if (metadataId != null) {
            try {
                return payments.find(UUID.fromString(metadataId))
                        .filter(row -> row.payment().provider().equals("stripe"))
                        .map(PaymentRepository.Row::id);
            } catch (IllegalArgumentException notOurs) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
