package dev.miyabi.platform.approvals.internal;

import dev.miyabi.platform.orders.OrderStatus;
import dev.miyabi.platform.orders.OrderStatusChanged;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Ends the open approval request of an order that was cancelled, so it leaves the approvers' inboxes. */
@Component
class OrderCancellations {

    private final ApprovalWorkflow workflow;

    OrderCancellations(ApprovalWorkflow workflow) {
        this.workflow = workflow;
    }

    @ApplicationModuleListener
    void on(OrderStatusChanged event) {
        if (event.to() == OrderStatus.CANCELLED && event.order().approvalId() != null) {
            workflow.cancel(
                    event.order().approvalId(),
                    event.entry().actor(),
                    event.entry().note() == null
                            ? "The order was cancelled"
                            : event.entry().note());
        }
    }
}
