package dev.miyabi.platform.payments.internal;

import dev.miyabi.platform.payments.Refund;
import dev.miyabi.platform.shared.idempotency.ReplayableResource;
import dev.miyabi.platform.shared.idempotency.ResourceAnswer;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Answers retried payment and refund requests whose first request created the payment (or refund) but
 * died before its answer was kept: the answer {@link PaymentController} gives for the payment as it
 * now stands — 201 captured, 402 declined, 202 while still processing — and likewise 201, 422 or 202
 * for a refund.
 */
@Configuration(proxyBeanMethods = false)
class PaymentReplays {

    static final String PAYMENT = "payment";
    static final String REFUND = "refund";

    @Bean
    ReplayableResource paymentReplay(PaymentService payments) {
        return new ReplayableResource() {
            @Override
            public String type() {
                return PAYMENT;
            }

            @Override
            public Optional<ResourceAnswer> answer(UUID id) {
                return payments.find(id).map(payment -> switch (payment.status()) {
                    case PROCESSING -> ResourceAnswer.pending(payment, PaymentController.location(payment));
                    case FAILED -> throw PaymentController.declined(payment);
                    case SUCCEEDED, PARTIALLY_REFUNDED, REFUNDED ->
                        ResourceAnswer.settled(201, payment, PaymentController.location(payment));
                });
            }
        };
    }

    @Bean
    ReplayableResource refundReplay(PaymentService payments) {
        return new ReplayableResource() {
            @Override
            public String type() {
                return REFUND;
            }

            @Override
            public Optional<ResourceAnswer> answer(UUID id) {
                return payments.findRefund(id).map((Refund refund) -> switch (refund.status()) {
                    case PENDING -> ResourceAnswer.pending(refund, null);
                    case FAILED -> throw PaymentController.refundFailed(refund);
                    case SUCCEEDED -> ResourceAnswer.settled(201, refund, null);
                });
            }
        };
    }
}
