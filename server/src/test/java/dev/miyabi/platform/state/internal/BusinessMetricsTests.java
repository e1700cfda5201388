package dev.miyabi.platform.state.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.aijobs.JobCancelled;
import dev.miyabi.platform.aijobs.JobCompleted;
import dev.miyabi.platform.aijobs.JobFailed;
import dev.miyabi.platform.aijobs.JobStarted;
import dev.miyabi.platform.aijobs.JobStatus;
import dev.miyabi.platform.orders.OrderPlaced;
import dev.miyabi.platform.orders.OrderStatus;
import dev.miyabi.platform.orders.OrderStatusChanged;
import dev.miyabi.platform.payments.PaymentFailed;
import dev.miyabi.platform.payments.PaymentStarted;
import dev.miyabi.platform.payments.PaymentSucceeded;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

class BusinessMetricsTests {

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final BusinessMetrics metrics = new BusinessMetrics(meters);

    @AfterEach
    void endTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void shouldExportEveryOutcomeAtZeroBeforeTheFirstEvent() {
        assertThat(count("miyabi.orders.placed")).isZero();
        for (String status : new String[] {"completed", "failed", "cancelled", "rejected"}) {
            assertThat(count("miyabi.orders.finished", "status", status)).isZero();
        }
        for (String outcome : new String[] {"completed", "failed", "cancelled"}) {
            assertThat(count("miyabi.jobs.finished", "outcome", outcome)).isZero();
        }
        assertThat(count("miyabi.payments.settled", "outcome", "succeeded")).isZero();
        assertThat(count("miyabi.payments.settled", "outcome", "failed")).isZero();
    }

    @Test
    void shouldCountOutcomesAndIgnoreStepsOnTheWay() {
        metrics.on(new OrderPlaced(null));
        metrics.on(new OrderStatusChanged(null, OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID, null));
        metrics.on(new OrderStatusChanged(null, OrderStatus.FULFILLING, OrderStatus.COMPLETED, null));
        metrics.on(new JobStarted(null));
        metrics.on(new JobCompleted(null));
        metrics.on(new JobFailed(null));
        metrics.on(new JobCancelled(null, JobStatus.QUEUED, null));
        metrics.on(new PaymentStarted(null));
        metrics.on(new PaymentFailed(null));
        metrics.on(new PaymentSucceeded(null));
        metrics.on(new PaymentSucceeded(null));

        assertThat(count("miyabi.orders.placed")).isEqualTo(1);
        assertThat(count("miyabi.orders.finished", "status", "completed")).isEqualTo(1);
        assertThat(meters.find("miyabi.orders.finished").tag("status", "paid").counter())
                .isNull();
        assertThat(count("miyabi.jobs.finished", "outcome", "completed")).isEqualTo(1);
        assertThat(count("miyabi.jobs.finished", "outcome", "failed")).isEqualTo(1);
        assertThat(count("miyabi.jobs.finished", "outcome", "cancelled")).isEqualTo(1);
        assertThat(count("miyabi.payments.settled", "outcome", "failed")).isEqualTo(1);
        assertThat(count("miyabi.payments.settled", "outcome", "succeeded")).isEqualTo(2);
    }

    @Test
    void shouldCountInATransactionOnlyOnceItCommitted() {
        TransactionSynchronizationManager.initSynchronization();
        metrics.on(new PaymentSucceeded(null));
        assertThat(count("miyabi.payments.settled", "outcome", "succeeded")).isZero();
        TransactionSynchronizationUtils.triggerAfterCommit();
        assertThat(count("miyabi.payments.settled", "outcome", "succeeded")).isEqualTo(1);
        TransactionSynchronizationManager.clearSynchronization();

        // Rolled back: the synchronizations are dropped without afterCommit.
        TransactionSynchronizationManager.initSynchronization();
        metrics.on(new PaymentSucceeded(null));
        TransactionSynchronizationManager.clearSynchronization();
        assertThat(count("miyabi.payments.settled", "outcome", "succeeded")).isEqualTo(1);
    }

    private double count(String name, String... tags) {
        return meters.get(name).tags(tags).counter().count();
    }
}
