package dev.miyabi.platform.payments.internal;

import dev.miyabi.platform.orders.OrderStatus;
import dev.miyabi.platform.orders.OrderStatusChanged;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Refunds an order's payment in full when the order fails for good ({@code failed}) or is cancelled
 * after payment. It listens after the order's transaction committed, through Spring Modulith's event
 * publication registry (an event not yet handled is delivered again after a crash); each refund is made
 * once per order and reason, so a redelivered event refunds nothing more. The listener runs no
 * transaction of its own: the gateway call must not hold one.
 */
@Component
class OrderRefunds {

    private static final Logger log = LoggerFactory.getLogger(OrderRefunds.class);
    private static final Set<OrderStatus> PAID = EnumSet.of(OrderStatus.PAID, OrderStatus.FULFILLING);

    private final PaymentCheckout checkout;

    OrderRefunds(PaymentCheckout checkout) {
        this.checkout = checkout;
    }

    @Async
    @TransactionalEventListener
    void on(OrderStatusChanged event) {
        String key;
        String reason;
        if (event.to() == OrderStatus.FAILED) {
            key = "order_failed";
            reason = "The order failed: "
                    + (event.entry().note() == null
                            ? "fulfilment failed"
                            : event.entry().note());
        } else if (event.to() == OrderStatus.CANCELLED && PAID.contains(event.from())) {
            key = "order_cancelled";
            reason = "The order was cancelled after payment"
                    + (event.entry().note() == null ? "" : ": " + event.entry().note());
        } else {
            return;
        }
        checkout.refundOrder(event.order().id(), key, reason)
                .ifPresent(refund -> log.info(
                        "Order {} {}: refund {} of {} {} is {}",
                        event.order().id(),
                        event.to().value(),
                        refund.id(),
                        refund.amount().amount().toPlainString(),
                        refund.amount().currency(),
                        refund.status().value()));
    }
}
