/**
 * Fulfilment: the order-to-fulfilment routing of ARCHITECTURE.md. When an order becomes {@code paid} it is
 * routed by its product category — an AI job for generated courses and documents, a search-access grant by
 * the ContentSearchAgent, a manual task on the agent board for consulting and support — and the order
 * follows its work: completed when the job completes, failed when it fails for good, cancelled when it is
 * cancelled (and the other way round). Routing is recorded per order ({@code fulfilments}), so a redelivered
 * event never starts the work twice. It publishes no events of its own: the order, job and task changes
 * it causes publish theirs.
 */
@ApplicationModule(
        displayName = "Fulfilment",
        allowedDependencies = {"shared", "identity", "catalog", "orders", "aijobs", "agents", "generation"})
@NullMarked
package dev.miyabi.platform.fulfilment;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
