package dev.miyabi.platform.faults;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.CommerceFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A client that retries hard: 50 threads send the same request with the same {@code Idempotency-Key} at
 * the same moment. Exactly one order (one payment, one charge) results; every answer is that one success
 * (the first or its replay) or 409 {@code idempotency_key_in_use} while the first still runs, never a 5xx;
 * the same key with another body is 422 {@code idempotency_key_reuse}.
 */
class ConcurrentRetriesIntegrationTests extends CommerceFixtures {

    private static final int CLIENTS = 50;

    @Test
    void fiftyIdenticalOrderRequestsAtOnceMakeOneOrder() throws Exception {
        Session customer = register();
        String product = createProduct("25.00", "USD", "technical_support");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("productId", product, "quantity", 1);
        long ordersBefore = count("SELECT count(*) FROM orders");

        List<Api.Response> answers = concurrently(() -> api.post("/api/orders")
                .token(customer.accessToken())
                .header("Idempotency-Key", key)
                .json(body)
                .send());

        long orders = count("SELECT count(*) FROM orders WHERE user_id = '" + customer.id() + "'");
        assertThat(orders).as("orders of the customer").isEqualTo(1);
        assertOneSuccessOrInUse(answers, 201);
        String orderId = answers.stream()
                .filter(a -> a.status() == 201)
                .findFirst()
                .orElseThrow()
                .text("id");
        Api.Response reused = api.post("/api/orders")
                .token(customer.accessToken())
                .header("Idempotency-Key", key)
                .json(Map.of("productId", product, "quantity", 2))
                .send();
        assertProblem(reused, 422, "idempotency_key_reuse");
        long ordersAfter = count("SELECT count(*) FROM orders");
        System.out.printf(
                "FAULT concurrent-order-retries: %d identical POST /api/orders at once -> answers %s; orders before %d"
                        + " after %d (+%d, order %s); lost 0, duplicated %d%n",
                CLIENTS, statuses(answers), ordersBefore, ordersAfter, ordersAfter - ordersBefore, orderId, orders - 1);
    }

    @Test
    void fiftyIdenticalPaymentRequestsAtOnceChargeOnce() throws Exception {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "31.00");
        String key = UUID.randomUUID().toString();
        long paymentsBefore = count("SELECT count(*) FROM payments");
        long chargesBefore = count("SELECT count(*) FROM sandbox_charges");

        List<Api.Response> answers = concurrently(() -> pay(customer, orderId, "pm_card_visa", key));

        long payments = count("SELECT count(*) FROM payments WHERE order_id = '" + orderId + "'");
        long charges = count("SELECT count(*) FROM sandbox_charges c JOIN payments p ON p.provider_ref = c.id"
                + " WHERE p.order_id = '" + orderId + "'");
        assertThat(payments).as("payments of the order").isEqualTo(1);
        assertThat(charges).as("charges at the provider").isEqualTo(1);
        assertOneSuccessOrInUse(answers, 201);
        assertThat(answers)
                .filteredOn(a -> a.status() == 201)
                .allSatisfy(a -> assertThat(a.text("status")).isEqualTo("succeeded"));
        long paidEntries = statuses(awaitPaid(customer, orderId)).stream()
                .filter("paid"::equals)
                .count();
        assertThat(paidEntries).as("'paid' on the order's timeline").isEqualTo(1);
        Api.Response reused = pay(customer, orderId, "pm_card_mastercard", key);
        assertProblem(reused, 422, "idempotency_key_reuse");
        long paymentsAfter = count("SELECT count(*) FROM payments");
        long chargesAfter = count("SELECT count(*) FROM sandbox_charges");
        System.out.printf(
                "FAULT concurrent-payment-retries: %d identical POST /api/orders/{id}/payments at once -> answers %s;"
                        + " payments before %d after %d (+%d), charges before %d after %d (+%d), 'paid' events %d;"
                        + " lost 0, duplicated %d%n",
                CLIENTS,
                statuses(answers),
                paymentsBefore,
                paymentsAfter,
                paymentsAfter - paymentsBefore,
                chargesBefore,
                chargesAfter,
                chargesAfter - chargesBefore,
                paidEntries,
                charges - 1);
    }

    /** One first success, its replays (same body), and 409 {@code idempotency_key_in_use}; nothing else. */
    private static void assertOneSuccessOrInUse(List<Api.Response> answers, int success) {
        assertThat(answers).extracting(Api.Response::status).isSubsetOf(success, 409);
        List<Api.Response> successes =
                answers.stream().filter(a -> a.status() == success).toList();
        assertThat(successes).isNotEmpty();
        assertThat(successes)
                .filteredOn(a -> a.header("Idempotent-Replayed").isEmpty())
                .as("answers that did the work")
                .hasSize(1);
        assertThat(successes.stream().map(a -> a.json().path("id").asString()).distinct())
                .hasSize(1);
        answers.stream().filter(a -> a.status() == 409).forEach(a -> assertProblem(a, 409, "idempotency_key_in_use"));
    }

    private static Map<Integer, Long> statuses(List<Api.Response> answers) {
        return answers.stream()
                .collect(Collectors.groupingBy(Api.Response::status, TreeMap::new, Collectors.counting()));
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static List<Api.Response> concurrently(Callable<Api.Response> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Api.Response> answers = new ArrayList<>();
            for (Future<Api.Response> future : futures) {
                answers.add(future.get());
            }
            return answers;
        }
    }
}
