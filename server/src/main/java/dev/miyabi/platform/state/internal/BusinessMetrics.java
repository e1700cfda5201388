package dev.miyabi.platform.state.internal;

import dev.miyabi.platform.aijobs.JobCancelled;
import dev.miyabi.platform.aijobs.JobCompleted;
import dev.miyabi.platform.aijobs.JobEvent;
import dev.miyabi.platform.aijobs.JobFailed;
import dev.miyabi.platform.orders.OrderPlaced;
import dev.miyabi.platform.orders.OrderStatus;
import dev.miyabi.platform.orders.OrderStatusChanged;
import dev.miyabi.platform.payments.PaymentEvent;
import dev.miyabi.platform.payments.PaymentFailed;
import dev.miyabi.platform.payments.PaymentSucceeded;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The business outcomes of the metrics summary as Prometheus counters, so dashboards and alerts see
 * them as they happen: orders placed and ended ({@code miyabi.orders.placed}, {@code
 * miyabi.orders.finished{status}}), AI jobs ended ({@code miyabi.jobs.finished{outcome}}) and payments
 * settled ({@code miyabi.payments.settled{outcome}}). Each is counted once, on the instance whose
 * transaction made the change, after it committed; sum them over the instances. Every tag value is
 * registered at start, so the series exist (at zero) before the first event.
 */
@Component
class BusinessMetrics {

    private final Counter ordersPlaced;
    private final Map<OrderStatus, Counter> ordersFinished = new EnumMap<>(OrderStatus.class);
    private final Map<String, Counter> jobsFinished;
    private final Map<String, Counter> paymentsSettled;

    BusinessMetrics(MeterRegistry meters) {
        ordersPlaced = Counter.builder("miyabi.orders.placed")
                .description("Orders placed")
                .register(meters);
        Arrays.stream(OrderStatus.values())
                .filter(OrderStatus::isTerminal)
                .forEach(status -> ordersFinished.put(
                        status,
                        Counter.builder("miyabi.orders.finished")
                                .description("Orders that reached a final status")
                                .tag("status", status.value())
                                .register(meters)));
        jobsFinished =
                counters(meters, "miyabi.jobs.finished", "AI jobs that ended", "completed", "failed", "cancelled");
        paymentsSettled = counters(meters, "miyabi.payments.settled", "Payments settled", "succeeded", "failed");
    }

    @EventListener
    void on(OrderPlaced event) {
        afterCommit(ordersPlaced);
    }

    @EventListener
    void on(OrderStatusChanged event) {
        Counter counter = ordersFinished.get(event.to());
        if (counter != null) {
            afterCommit(counter);
        }
    }

    @EventListener
    void on(JobEvent event) {
        String outcome = switch (event) {
            case JobCompleted completed -> "completed";
            case JobFailed failed -> "failed";
            case JobCancelled cancelled -> "cancelled";
            default -> null;
        };
        if (outcome != null) {
            afterCommit(jobsFinished.get(outcome));
        }
    }

    @EventListener
    void on(PaymentEvent event) {
        String outcome = switch (event) {
            case PaymentSucceeded succeeded -> "succeeded";
            case PaymentFailed failed -> "failed";
            default -> null;
        };
        if (outcome != null) {
            afterCommit(paymentsSettled.get(outcome));
        }
    }

    private static Map<String, Counter> counters(
            MeterRegistry meters, String name, String description, String... outcomes) {
        return Arrays.stream(outcomes)
                .collect(java.util.stream.Collectors.toUnmodifiableMap(
                        outcome -> outcome,
                        outcome -> Counter.builder(name)
                                .description(description)
                                .tag("outcome", outcome)
                                .register(meters)));
    }

    /** Counts once the change is committed (a rolled-back change did not happen). */
    private static void afterCommit(Counter counter) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            counter.increment();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                counter.increment();
            }
        });
    }
}
