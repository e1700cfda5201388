package dev.miyabi.platform.payments.internal;

import dev.miyabi.platform.agents.Agent;
import dev.miyabi.platform.agents.AgentContext;
import dev.miyabi.platform.agents.AgentResult;
import dev.miyabi.platform.agents.AgentTask;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.payments.Payment;
import dev.miyabi.platform.payments.Refund;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * PaymentProcessorAgent (204): performs the charges and refunds of the platform, each one a task on the
 * agent board — {@link PaymentCheckout} calls {@link #charge} and {@link #refund} and the board records
 * them; {@link #execute} runs a task retried from the board. Task input: {@code {"operation": "charge", "paymentId": …}} or {@code {"operation":
 * "refund", "refundId": …}}. A captured charge or a refund done is a success; a decline or a refused
 * refund fails the task; an unknown outcome is escalated to reconciliation. Running a task again (a
 * board retry) asks the gateway with the same idempotency key, so it never charges or refunds twice.
 */
@Component
class PaymentProcessorAgent implements Agent {

    private final PaymentProcessor processor;

    PaymentProcessorAgent(PaymentProcessor processor) {
        this.processor = processor;
    }

    @Override
    public AgentType type() {
        return AgentType.PAYMENT_PROCESSOR;
    }

    @Override
    public AgentResult execute(AgentTask task, AgentContext context) {
        JsonNode input = task.input();
        return switch (input.path("operation").asString("")) {
            case "charge" -> charge(UUID.fromString(input.path("paymentId").asString()));
            case "refund" -> refund(UUID.fromString(input.path("refundId").asString()));
            default ->
                AgentResult.failed(
                        "Unknown operation '" + input.path("operation").asString("") + "'");
        };
    }

    /** Charges a payment; the result says how the board records it. */
    AgentResult charge(UUID paymentId) {
        PaymentService.Settlement settlement = processor.charge(paymentId);
        if (settlement.refundToRun() != null) {
            processor.refund(settlement.refundToRun());
        }
        Payment payment = settlement.payment();
        ObjectNode data = JsonNodeFactory.instance
                .objectNode()
                .put("paymentId", payment.id().toString())
                .put("orderId", payment.orderId().toString())
                .put("status", payment.status().value())
                .put("providerRef", payment.providerRef())
                .put("failureCode", payment.failureCode());
        return switch (payment.status()) {
            case SUCCEEDED, PARTIALLY_REFUNDED, REFUNDED -> AgentResult.success(data);
            case FAILED ->
                AgentResult.failed("Declined: " + payment.failureCode() + " (" + payment.failureMessage() + ")");
            case PROCESSING ->
                AgentResult.escalated("The gateway's answer is unknown; reconciliation will settle the payment", data);
        };
    }

    /** Runs a pending refund; the result says how the board records it. */
    AgentResult refund(UUID refundId) {
        Refund refund = processor.refund(refundId);
        ObjectNode data = JsonNodeFactory.instance
                .objectNode()
                .put("refundId", refund.id().toString())
                .put("paymentId", refund.paymentId().toString())
                .put("status", refund.status().value())
                .put("amount", refund.amount().amount().toPlainString())
                .put("currency", refund.amount().currency());
        return switch (refund.status()) {
            case SUCCEEDED -> AgentResult.success(data);
            case FAILED ->
                AgentResult.failed("Refund refused: " + refund.failureCode() + " (" + refund.failureMessage() + ")");
            case PENDING ->
                AgentResult.escalated("The gateway's answer is unknown; reconciliation will settle the refund", data);
        };
    }
}
