package dev.miyabi.platform.payments.internal;

import dev.miyabi.platform.agents.AgentBoard;
import dev.miyabi.platform.agents.AgentResult;
import dev.miyabi.platform.agents.AgentTaskRequest;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.payments.Payment;
import dev.miyabi.platform.payments.Refund;
import dev.miyabi.platform.payments.RefundStatus;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The payment use cases as the API and the order listeners start them: the record is made in a
 * transaction of its own, then the PaymentProcessorAgent does the gateway work, recorded as a task on the
 * board (on this thread, outside any transaction). Whatever the agent's outcome, the
 * caller gets the payment or refund as it now stands.
 */
@Component
class PaymentCheckout {

    private static final Logger log = LoggerFactory.getLogger(PaymentCheckout.class);

    private final PaymentService payments;
    private final PaymentProcessorAgent agent;
    private final AgentBoard board;

    PaymentCheckout(PaymentService payments, PaymentProcessorAgent agent, AgentBoard board) {
        this.payments = payments;
        this.agent = agent;
        this.board = board;
    }

    /** The customer pays the order with a tokenised payment method. */
    public Payment pay(UUID orderId, CurrentUser payer, String paymentMethod) {
        Payment started = payments.start(orderId, payer, paymentMethod);
        process(
                AgentTaskRequest.of(
                                AgentType.PAYMENT_PROCESSOR,
                                "Charge " + started.amount().amount().toPlainString() + " "
                                        + started.amount().currency() + " for order " + orderId,
                                JsonNodeFactory.instance
                                        .objectNode()
                                        .put("operation", "charge")
                                        .put("paymentId", started.id().toString())
                                        .put("orderId", orderId.toString()))
                        .withResource("payment", started.id()),
                () -> agent.charge(started.id()));
        return payments.find(started.id()).orElseThrow();
    }

    /** An admin refunds (part of) a payment. */
    public Refund refund(UUID paymentId, @Nullable BigDecimal amount, @Nullable String reason, CurrentUser admin) {
        Refund refund = payments.requestRefund(paymentId, amount, reason, admin);
        run(refund);
        return payments.findRefund(refund.id()).orElseThrow();
    }

    /** The platform refunds what is left of an order's payment, once per {@code key}. */
    public Optional<Refund> refundOrder(UUID orderId, String key, String reason) {
        return payments.refundOrder(orderId, key, reason).map(refund -> {
            if (refund.status() != RefundStatus.PENDING) {
                return refund; // asked for before (the event was delivered again)
            }
            run(refund);
            return payments.findRefund(refund.id()).orElseThrow();
        });
    }

    /** Runs a pending refund through the agent (used after a webhook found an order gone). */
    public void run(Refund refund) {
        process(
                AgentTaskRequest.of(
                                AgentType.PAYMENT_PROCESSOR,
                                "Refund " + refund.amount().amount().toPlainString() + " "
                                        + refund.amount().currency() + " of payment " + refund.paymentId(),
                                JsonNodeFactory.instance
                                        .objectNode()
                                        .put("operation", "refund")
                                        .put("refundId", refund.id().toString())
                                        .put("paymentId", refund.paymentId().toString()))
                        .withResource("payment", refund.paymentId()),
                () -> agent.refund(refund.id()));
    }

    /**
     * The gateway work as a task on the board (its input lets a board retry run it again). An unexpected
     * failure leaves the payment or refund as it stands — reconciliation settles it — and the task failed.
     */
    private void process(AgentTaskRequest task, Supplier<AgentResult> work) {
        try {
            board.track(task, work, result -> result);
        } catch (RuntimeException e) {
            log.warn("Agent {} failed on task '{}'", task.agentType().value(), task.title(), e);
        }
    }
}
