package dev.miyabi.platform.payments.internal;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Settles payments and refunds whose outcome stayed unknown. Runs on every instance every {@code
 * miyabi.payments.reconciliation.interval}; a run claims due rows with {@code FOR UPDATE SKIP LOCKED}
 * and pushes their next check out by a lease in the same statement, so two instances never work on one
 * payment, and one that dies mid-way leaves it to the next run after the lease. An instance claims only
 * the payments of its own gateway (only that provider can say what became of them). The work itself
 * (the gateway call) happens after the claim committed, outside any transaction.
 *
 * <p>A scheduled sweep rather than the AI job queue: the state to drive is the payment's own status
 * column (a job per payment would duplicate it), and "ask again later, with backoff, until a definitive
 * answer or a deadline" is exactly {@code next_check_at}.
 */
@Component
class PaymentReconciliation {

    private static final Logger log = LoggerFactory.getLogger(PaymentReconciliation.class);

    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final PaymentProcessor processor;
    private final PaymentGateway gateway;
    private final PaymentsProperties properties;

    PaymentReconciliation(
            PaymentRepository payments,
            RefundRepository refunds,
            PaymentProcessor processor,
            PaymentGateway gateway,
            PaymentsProperties properties) {
        this.payments = payments;
        this.refunds = refunds;
        this.processor = processor;
        this.gateway = gateway;
        this.properties = properties;
    }

    /**
     * One run: every due payment, then every due refund (up to the batch size each), at most {@code
     * concurrency} at a time. Returns how many were looked at, once all of them are done.
     */
    public int reconcileDue() {
        PaymentsProperties.Reconciliation settings = properties.reconciliation();
        List<UUID> duePayments = payments.claimDue(gateway.name(), settings.batchSize(), settings.lease());
        settle(duePayments, "payment", processor::reconcilePayment);
        List<UUID> dueRefunds = refunds.claimDue(gateway.name(), settings.batchSize(), settings.lease());
        settle(dueRefunds, "refund", processor::reconcileRefund);
        return duePayments.size() + dueRefunds.size();
    }

    /**
     * Settles the claimed ids, a few at a time: each mostly waits for the gateway, and one after another a
     * batch of 40 with a one-second gateway took 80 s. The claim's lease keeps every id to this run.
     */
    private void settle(List<UUID> ids, String kind, Consumer<UUID> reconcile) {
        if (ids.isEmpty()) {
            return;
        }
        int threads = Math.min(properties.reconciliation().concurrency(), ids.size());
        try (ExecutorService pool = Executors.newFixedThreadPool(
                threads, Thread.ofVirtual().name("reconcile-" + kind + "-", 0).factory())) {
            for (UUID id : ids) {
                pool.execute(() -> {
                    try {
                        reconcile.accept(id);
                    } catch (RuntimeException e) {
                        log.error("Reconciling {} {} failed; it is checked again after its lease", kind, id, e);
                    }
                });
            }
        }
    }
}
