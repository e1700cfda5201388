package dev.miyabi.platform.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Many simultaneous changes to one order leave exactly one consistent outcome. */
class OrderConcurrencyIntegrationTests extends OrderFixtures {

    private static final int PARALLEL = 20;

    @Test
    void twentyParallelCancelsCancelOnceAndRecordItOnce() throws Exception {
        Session customer = register();
        UUID id = placed(customer, createProduct("30.00", "technical_support"));
        String admin = adminSession().accessToken();

        List<Integer> statuses = race(i -> () -> api.post("/api/orders/" + id + "/cancel")
                .token(i % 2 == 0 ? customer.accessToken() : admin)
                .send()
                .status());

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(PARALLEL - 1);
        JsonNode order = order(customer, id);
        assertThat(order.path("status").asString()).isEqualTo("cancelled");
        assertThat(statuses(order)).containsExactly("pending", "awaiting_payment", "cancelled");
        assertThat(order.path("version").asLong()).isEqualTo(2);
        assertThat(timelineRows(id)).isEqualTo(3);
    }

    @Test
    void paymentsRacingCancelsLeaveOneOutcome() throws Exception {
        Session customer = register();
        UUID id = placed(customer, createProduct("30.00", "technical_support"));
        List<UUID> payments = new ArrayList<>();
        for (int i = 0; i < PARALLEL / 2; i++) {
            payments.add(UUID.randomUUID());
        }

        // Half mark the order paid (each with its own payment), half are the customer cancelling:
        // whichever goes first wins and every other one is refused, in any interleaving.
        List<Integer> statuses = race(i -> () -> {
            if (i % 2 == 0) {
                try {
                    orders.markPaid(id, payments.get(i / 2), agent(), TimelineNote.of(TimelineNote.Kind.PAID, "Paid"));
                    return 200;
                } catch (IllegalOrderTransitionException refused) {
                    return 409;
                }
            }
            Api.Response response = api.post("/api/orders/" + id + "/cancel")
                    .token(customer.accessToken())
                    .send();
            return response.status();
        });

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(PARALLEL - 1);
        JsonNode order = order(customer, id);
        String outcome = order.path("status").asString();
        assertThat(outcome).isIn("paid", "fulfilling", "cancelled");
        if (outcome.equals("cancelled")) {
            assertThat(statuses(order)).containsExactly("pending", "awaiting_payment", "cancelled");
            assertThat(order.path("paymentId").isNull()).isTrue();
            assertThat(order.path("version").asLong()).isEqualTo(2);
        } else {
            // The payment won; the fulfilment then hands the support order to staff.
            order = awaitFulfilling(customer, id);
            assertThat(statuses(order)).containsExactly("pending", "awaiting_payment", "paid", "fulfilling");
            assertThat(payments)
                    .contains(UUID.fromString(order.path("paymentId").asString()));
            assertThat(order.path("version").asLong()).isEqualTo(3);
        }
        assertThat(timelineRows(id)).isEqualTo(statuses(order).size());
    }

    private interface Task {
        Callable<Integer> of(int index);
    }

    /** Runs the tasks at the same moment on their own threads; returns their results in order. */
    private List<Integer> race(Task task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(PARALLEL)) {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                Callable<Integer> work = task.of(i);
                futures.add(threads.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    private long timelineRows(UUID id) {
        return jdbc.sql("SELECT count(*) FROM order_timeline WHERE order_id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
    }
}
