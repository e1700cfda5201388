package dev.miyabi.platform.realtime.internal;

import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.payments.PaymentEvent;
import dev.miyabi.platform.payments.PaymentFailed;
import dev.miyabi.platform.payments.PaymentRefunded;
import dev.miyabi.platform.payments.PaymentStarted;
import dev.miyabi.platform.payments.PaymentSucceeded;
import dev.miyabi.platform.payments.Refund;
import dev.miyabi.platform.payments.RefundFailed;
import dev.miyabi.platform.payments.RefundRequested;
import dev.miyabi.platform.realtime.ClientEvents;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Payments → {@code payment.processing}, {@code payment.succeeded}, {@code payment.failed}, {@code
 * payment.refund_requested}, {@code payment.refunded}, {@code payment.refund_failed} (resource type {@code
 * payment}): the payment as {@code GET /api/payments/{id}} renders it plus {@code previousStatus}, and for
 * the refund events the refund as {@code GET /api/payments/{id}/refunds} lists it ({@code refund}). Visible
 * to the payment's owner ({@link PaymentEvent#visibleTo()}) and admins; in the publishing transaction.
 */
@Component
class PaymentClientEvents {

    static final String RESOURCE_TYPE = "payment";

    private final ClientEvents events;
    private final JsonMapper json;

    PaymentClientEvents(ClientEvents events, JsonMapper json) {
        this.events = events;
        this.json = json;
    }

    @EventListener
    void on(PaymentEvent event) {
        String type = switch (event) {
            case PaymentStarted started -> "payment.processing";
            case PaymentSucceeded succeeded -> "payment.succeeded";
            case PaymentFailed failed -> "payment.failed";
            case RefundRequested requested -> "payment.refund_requested";
            case PaymentRefunded refunded -> "payment.refunded";
            case RefundFailed failed -> "payment.refund_failed";
        };
        Refund refund = switch (event) {
            case RefundRequested requested -> requested.refund();
            case PaymentRefunded refunded -> refunded.refund();
            case RefundFailed failed -> failed.refund();
            default -> null;
        };
        events.append(
                type,
                RESOURCE_TYPE,
                event.payment().id().toString(),
                payload(event, refund),
                List.copyOf(event.visibleTo()),
                List.<Role>of());
    }

    private ObjectNode payload(PaymentEvent event, @Nullable Refund refund) {
        ObjectNode payload = ClientPayloads.withPreviousStatus(json, event.payment(), event.previousStatus());
        if (refund != null) {
            payload.set("refund", json.valueToTree(refund));
        }
        return payload;
    }
}
