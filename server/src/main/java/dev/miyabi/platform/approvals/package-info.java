/**
 * Approvals: policies that decide which orders need approval, approval requests with ordered stages
 * (any, all or majority of their approvers), decisions, an append-only audit trail, and escalation or
 * expiry of stages nobody decided in time. The ApprovalWorkflowAgent (205) implements the orders
 * module's {@link dev.miyabi.platform.orders.ApprovalGate}, advances stages and moves the order on the
 * outcome. Its API is the {@link dev.miyabi.platform.approvals.Approvals} facade, the {@link
 * dev.miyabi.platform.approvals.ApprovalRequest} and {@link dev.miyabi.platform.approvals.ApprovalPolicy}
 * records and the {@link dev.miyabi.platform.approvals.ApprovalEvent}s.
 */
@ApplicationModule(
        displayName = "Approvals",
        allowedDependencies = {"shared", "identity", "orders", "agents", "catalog"})
@NullMarked
package dev.miyabi.platform.approvals;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
