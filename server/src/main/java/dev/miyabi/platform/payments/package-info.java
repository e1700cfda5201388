/**
 * Payments: charges of orders through a {@code PaymentGateway} (the sandbox or Stripe), refunds,
 * reconciliation of unknown outcomes, and provider webhooks. The PaymentProcessorAgent (204) performs
 * every charge and refund as a task on the agent board. Its API is the {@link
 * dev.miyabi.platform.payments.Payments} facade, the {@link dev.miyabi.platform.payments.Payment} and
 * {@link dev.miyabi.platform.payments.Refund} records and the {@link
 * dev.miyabi.platform.payments.PaymentEvent}s.
 */
@ApplicationModule(
        displayName = "Payments",
        allowedDependencies = {"shared", "identity", "orders", "agents"})
@NullMarked
package dev.miyabi.platform.payments;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
