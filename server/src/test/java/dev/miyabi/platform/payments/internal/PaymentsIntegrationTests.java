package dev.miyabi.platform.payments.internal;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.CommerceFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Paying orders over HTTP with the sandbox gateway on real PostgreSQL: who may pay what, declines,
 * card data, idempotency under concurrency, unknown outcomes settled by reconciliation, and the board
 * tasks of the PaymentProcessorAgent.
 */
@ExtendWith(OutputCaptureExtension.class)
class PaymentsIntegrationTests extends CommerceFixtures {

    @Autowired
    SandboxPaymentGateway sandbox;

    @Autowired
    PaymentReconciliation reconciliation;

    @Test
    void aCustomerPaysTheirOrderAndItBecomesPaidByTheAgent() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "99.50");
        String key = UUID.randomUUID().toString();

        Api.Response paid = pay(customer, orderId, "pm_card_visa", key);

        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        JsonNode payment = paid.json();
        UUID paymentId = UUID.fromString(payment.path("id").asString());
        assertThat(paid.header("Location")).contains("/api/payments/" + paymentId);
        assertThat(payment.path("orderId").asString()).isEqualTo(orderId.toString());
        assertThat(payment.path("userId").asString()).isEqualTo(customer.id().toString());
        assertThat(payment.path("amount").path("amount").asString()).isEqualTo("99.50");
        assertThat(payment.path("amount").path("currency").asString()).isEqualTo("USD");
        assertThat(payment.path("status").asString()).isEqualTo("succeeded");
        assertThat(payment.path("provider").asString()).isEqualTo("sandbox");
        assertThat(payment.path("providerRef").asString()).startsWith("pi_sb_");
        assertThat(payment.path("paymentMethodType").asString()).isEqualTo("card");
        assertThat(payment.path("refundedAmount").path("amount").asString()).isEqualTo("0.00");
        assertThat(payment.path("failureCode").isNull()).isTrue();

        JsonNode order = awaitPaid(customer, orderId);
        assertThat(order.path("paymentId").asString()).isEqualTo(paymentId.toString());
        JsonNode paidEntry = entry(order, "paid");
        assertThat(paidEntry.path("actor").path("type").asString()).isEqualTo("agent");
        assertThat(paidEntry.path("actor").path("id").asString()).isEqualTo("204");
        assertThat(paidEntry.path("note").asString()).contains("99.50 USD", paymentId.toString());
        assertThat(paidEntry.path("kind").asString()).isEqualTo("paid");
        assertThat(paidEntry.path("params").path("amount").path("amount").asString())
                .isEqualTo("99.50");
        assertThat(paidEntry.path("params").path("amount").path("currency").asString())
                .isEqualTo("USD");
        assertThat(paidEntry.path("params").path("paymentId").asString()).isEqualTo(paymentId.toString());
        assertThat(paidEntry.path("params").path("method").asString()).isEqualTo("card");

        assertThat(sandbox.find(ChargeRequest.keyFor(paymentId)).orElseThrow().calls())
                .isEqualTo(1);
        Map<String, Object> task =
                jdbc.sql("""
                        SELECT agent_type, status, outcome, execution FROM agent_tasks
                        WHERE resource_type = 'payment' AND resource_id = :id
                        """).param("id", paymentId.toString()).query().singleRow();
        assertThat(task)
                .containsEntry("agent_type", "payment_processor")
                .containsEntry("status", "completed")
                .containsEntry("outcome", "success")
                .containsEntry("execution", "inline");

        Api.Response replay = pay(customer, orderId, "pm_card_visa", key);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
        assertThat(replay.json()).isEqualTo(payment);
        assertProblem(pay(customer, orderId, "pm_card_visa"), 409, "invalid_state");
        assertThat(sandbox.find(ChargeRequest.keyFor(paymentId)).orElseThrow().calls())
                .isEqualTo(1);
    }

    @Test
    void ownersAndAdminsReadPaymentsOthersGetNotFound() {
        Session customer = register();
        Session stranger = register();
        UUID orderId = orderAwaitingPayment(customer, "20.00");
        String paymentId = pay(customer, orderId, "pm_card_mastercard").text("id");

        assertThat(api.get("/api/payments/" + paymentId)
                        .token(customer.accessToken())
                        .send()
                        .text("status"))
                .isEqualTo("succeeded");
        assertThat(api.get("/api/payments/" + paymentId)
                        .token(adminSession().accessToken())
                        .send()
                        .status())
                .isEqualTo(200);
        assertProblem(
                api.get("/api/payments/" + paymentId)
                        .token(stranger.accessToken())
                        .send(),
                404,
                "not_found");
        assertProblem(
                api.get("/api/payments/" + UUID.randomUUID())
                        .token(customer.accessToken())
                        .send(),
                404,
                "not_found");
        assertProblem(api.get("/api/payments/" + paymentId).send(), 401, "unauthorized");

        JsonNode list = api.get("/api/orders/" + orderId + "/payments")
                .token(customer.accessToken())
                .send()
                .json();
        assertThat(list.path("total").asLong()).isEqualTo(1);
        assertThat(list.path("items").get(0).path("id").asString()).isEqualTo(paymentId);
        assertThat(api.get("/api/orders/" + orderId + "/payments")
                        .token(adminSession().accessToken())
                        .send()
                        .json()
                        .path("total")
                        .asLong())
                .isEqualTo(1);
        assertProblem(
                api.get("/api/orders/" + orderId + "/payments")
                        .token(stranger.accessToken())
                        .send(),
                404,
                "not_found");
    }

    @Test
    void declinesAreRecordedWithTheirCodeAndTheOrderStaysPayable() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "45.00");
        Map<String, String> declines = Map.of(
                "pm_card_chargeDeclined", "card_declined",
                "pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds",
                "pm_card_chargeDeclinedExpiredCard", "expired_card",
                "pm_card_doesNotExist", "resource_missing");
        for (Map.Entry<String, String> decline : declines.entrySet()) {
            JsonNode problem = assertProblem(pay(customer, orderId, decline.getKey()), 402, "payment_declined");
            assertThat(problem.path("declineCode").asString()).isEqualTo(decline.getValue());
            String paymentId = problem.path("paymentId").asString();
            JsonNode payment = api.get("/api/payments/" + paymentId)
                    .token(customer.accessToken())
                    .send()
                    .json();
            assertThat(payment.path("status").asString()).isEqualTo("failed");
            assertThat(payment.path("failureCode").asString()).isEqualTo(decline.getValue());
            assertThat(payment.path("failureMessage").asString()).isNotBlank();
            assertThat(order(customer, orderId).path("status").asString()).isEqualTo("awaiting_payment");
        }
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM agent_tasks t JOIN payments p ON t.resource_id = p.id::text
                        WHERE p.order_id = :orderId AND t.status = 'failed' AND t.error LIKE 'Declined: %'
                        """).param("orderId", orderId).query(Long.class).single())
                .isEqualTo(4);

        assertThat(pay(customer, orderId, "pm_card_visa").status()).isEqualTo(201);
        awaitPaid(customer, orderId);
        assertThat(api.get("/api/orders/" + orderId + "/payments?size=10")
                        .token(customer.accessToken())
                        .send()
                        .json()
                        .path("items")
                        .findValuesAsString("status"))
                .containsExactly("succeeded", "failed", "failed", "failed", "failed");
    }

    @Test
    void onlyTheOwnerPaysOnlyAnOrderAwaitingPayment() {
        Session customer = register();
        Session stranger = register();
        UUID orderId = orderAwaitingPayment(customer, "12.00");

        assertProblem(pay(stranger, orderId, "pm_card_visa"), 404, "not_found");
        assertProblem(pay(adminSession(), orderId, "pm_card_visa"), 403, "forbidden");
        assertProblem(pay(customer, UUID.randomUUID(), "pm_card_visa"), 404, "not_found");
        assertProblem(
                api.post("/api/orders/" + orderId + "/payments")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .json(Map.of("paymentMethod", "pm_card_visa"))
                        .send(),
                401,
                "unauthorized");
        assertProblem(
                api.post("/api/orders/" + orderId + "/payments")
                        .token(customer.accessToken())
                        .json(Map.of("paymentMethod", "pm_card_visa"))
                        .send(),
                400,
                "idempotency_key_missing");
        assertThat(errorFields(assertProblem(
                        api.post("/api/orders/" + orderId + "/payments")
                                .token(customer.accessToken())
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .json(Map.of())
                                .send(),
                        400,
                        "validation_failed")))
                .containsExactly("paymentMethod");
        assertThat(errorFields(assertProblem(pay(customer, orderId, "visa please"), 400, "validation_failed")))
                .containsExactly("paymentMethod");
        assertProblem(
                api.post("/api/orders/" + orderId + "/payments")
                        .token(customer.accessToken())
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .raw("application/json", "{\"paymentMethod\": ")
                        .send(),
                400,
                "malformed_request");
        assertThat(jdbc.sql("SELECT count(*) FROM payments WHERE order_id = :id")
                        .param("id", orderId)
                        .query(Long.class)
                        .single())
                .isZero();

        assertThat(api.post("/api/orders/" + orderId + "/cancel")
                        .token(customer.accessToken())
                        .send()
                        .status())
                .isEqualTo(200);
        JsonNode refused = assertProblem(pay(customer, orderId, "pm_card_visa"), 409, "invalid_state");
        assertThat(refused.path("currentStatus").asString()).isEqualTo("cancelled");
    }

    @Test
    void theAmountIsTheOrdersTotalWhateverTheClientSends() {
        Session customer = register();
        Api.Response placed = placeOrder(customer, createProduct("10.25", "USD", "business_consulting"), 3, null);
        UUID orderId = UUID.fromString(placed.text("id"));

        Api.Response paid = api.post("/api/orders/" + orderId + "/payments")
                .token(customer.accessToken())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of(
                        "paymentMethod", "pm_card_visa",
                        "amount", Map.of("amount", "0.01", "currency", "USD"),
                        "status", "succeeded"))
                .send();

        assertThat(paid.status()).isEqualTo(201);
        assertThat(paid.json().path("amount").path("amount").asString()).isEqualTo("30.75");
        assertThat(jdbc.sql("SELECT amount FROM sandbox_charges WHERE idempotency_key = :key")
                        .param("key", ChargeRequest.keyFor(UUID.fromString(paid.text("id"))))
                        .query(java.math.BigDecimal.class)
                        .single())
                .isEqualByComparingTo("30.75");
    }

    @Test
    void rawCardNumbersAreRefusedBeforeAnythingSeesThem(CapturedOutput output) {
        // Tests log at WARN: the server's INFO logs (its default level) must not see the numbers either.
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
        try {
            refuseRawCardNumbers(output);
        } finally {
            logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
        }
    }

    private void refuseRawCardNumbers(CapturedOutput output) {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "15.00");
        String key = UUID.randomUUID().toString();
        List<String> bodies = List.of(
                "{\"paymentMethod\": \"4242424242424242\"}",
                "{\"paymentMethod\": \"4242 4242 4242 4242\"}",
                "{\"paymentMethod\": \"pm_card_visa\", \"card\": {\"number\": \"5555-5555-5555-4444\", \"cvc\": \"123\"}}",
                "{\"paymentMethod\": \"pm_card_visa\", \"note\": \"my amex is 3782 822463 10005 exp 12/30\"}",
                "{\"paymentMethod\": \"pm_card_visa\", \"card\": 4000056655665556}");
        for (String body : bodies) {
            Api.Response refused = api.post("/api/orders/" + orderId + "/payments")
                    .token(customer.accessToken())
                    .header("Idempotency-Key", key)
                    .raw("application/json", body)
                    .send();
            assertProblem(refused, 400, "card_data_refused");
            assertThat(refused.body())
                    .doesNotContain("4242424242424242", "4242 4242", "5555", "3782", "4000056655665556");
        }
        assertProblem(
                api.post("/api/payments/" + UUID.randomUUID() + "/refunds")
                        .token(adminSession().accessToken())
                        .header("Idempotency-Key", key)
                        .raw("application/json", "{\"reason\": \"card 4111 1111 1111 1111\"}")
                        .send(),
                400,
                "card_data_refused");

        assertThat(output.getAll()).doesNotContain("4242424242424242", "4242 4242 4242 4242", "4000056655665556");
        assertThat(jdbc.sql("SELECT count(*) FROM payments WHERE order_id = :id")
                        .param("id", orderId)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = :key")
                        .param("key", key)
                        .query(Long.class)
                        .single())
                .as("a refused body never claims the key")
                .isZero();
        // Digits that are no card number (Luhn fails, or too short) are not refused.
        assertThat(api.post("/api/orders/" + orderId + "/payments")
                        .token(customer.accessToken())
                        .header("Idempotency-Key", key)
                        .raw(
                                "application/json",
                                "{\"paymentMethod\": \"pm_card_visa\", \"reference\": \"4242424242424241\","
                                        + " \"phone\": \"+81 3 1234 5678\"}")
                        .send()
                        .status())
                .isEqualTo(201);
    }

    @Test
    void fiftyConcurrentRequestsWithOneKeyChargeOnce() throws Exception {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "250.00");
        String key = UUID.randomUUID().toString();

        List<Api.Response> responses = concurrently(50, () -> pay(customer, orderId, "pm_card_visa", key));

        List<Api.Response> created =
                responses.stream().filter(r -> r.status() == 201).toList();
        assertThat(created).isNotEmpty();
        assertThat(responses)
                .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(201, 409));
        responses.stream().filter(r -> r.status() == 409).forEach(r -> assertProblem(r, 409, "idempotency_key_in_use"));
        assertThat(created.stream().map(Api.Response::body).distinct()).hasSize(1);
        UUID paymentId = UUID.fromString(created.getFirst().text("id"));

        assertThat(sandbox.find(ChargeRequest.keyFor(paymentId)).orElseThrow().calls())
                .as("gateway charge calls")
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM payments WHERE order_id = :id")
                        .param("id", orderId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM agent_tasks WHERE resource_type = 'payment' AND resource_id = :id")
                        .param("id", paymentId.toString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        Api.Response late = pay(customer, orderId, "pm_card_visa", key);
        assertThat(late.body()).isEqualTo(created.getFirst().body());
        assertThat(late.header("Idempotent-Replayed")).contains("true");
    }

    @Test
    void concurrentPaymentsWithDifferentKeysChargeTheOrderOnce() throws Exception {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "80.00");

        List<Api.Response> responses = concurrently(10, () -> pay(customer, orderId, "pm_card_visa"));

        assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(1);
        responses.stream().filter(r -> r.status() != 201).forEach(r -> assertProblem(r, 409, "invalid_state"));
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM sandbox_charges c JOIN payments p ON c.idempotency_key = 'payment-' || p.id
                        WHERE p.order_id = :id AND c.status = 'succeeded'
                        """).param("id", orderId).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "33.00");
        String key = UUID.randomUUID().toString();
        assertProblem(pay(customer, orderId, "pm_card_chargeDeclined", key), 402, "payment_declined");

        assertProblem(pay(customer, orderId, "pm_card_visa", key), 422, "idempotency_key_reuse");
        JsonNode replayed =
                assertProblem(pay(customer, orderId, "pm_card_chargeDeclined", key), 402, "payment_declined");
        assertThat(replayed.path("declineCode").asString()).isEqualTo("card_declined");
        assertThat(order(customer, orderId).path("status").asString()).isEqualTo("awaiting_payment");
    }

    @Test
    void aTimeoutLeavesThePaymentProcessingAndReconciliationSettlesItWithOneCharge() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "60.00");

        Api.Response response = pay(customer, orderId, SandboxPaymentGateway.TIMEOUT);

        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        assertThat(response.text("status")).isEqualTo("processing");
        UUID paymentId = UUID.fromString(response.text("id"));
        assertThat(order(customer, orderId).path("status").asString()).isEqualTo("awaiting_payment");
        SandboxPaymentGateway.Charge charge =
                sandbox.find(ChargeRequest.keyFor(paymentId)).orElseThrow();
        assertThat(charge.status()).as("the gateway did charge").isEqualTo("succeeded");
        assertThat(charge.calls()).as("three attempts, all timed out").isEqualTo(3);
        assertThat(jdbc.sql("SELECT last_error FROM payments WHERE id = :id")
                        .param("id", paymentId)
                        .query(String.class)
                        .single())
                .startsWith("timeout");
        assertThat(jdbc.sql("SELECT outcome FROM agent_tasks WHERE resource_type = 'payment' AND resource_id = :id")
                        .param("id", paymentId.toString())
                        .query(String.class)
                        .single())
                .isEqualTo("escalated");
        assertProblem(pay(customer, orderId, "pm_card_visa"), 409, "invalid_state");

        reconcileNow(paymentId);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(api.get("/api/payments/" + paymentId)
                                .token(customer.accessToken())
                                .send()
                                .text("status"))
                        .isEqualTo("succeeded"));
        JsonNode order = awaitPaid(customer, orderId);
        assertThat(entry(order, "paid").path("note").asString()).contains("reconciled");
        assertThat(entry(order, "paid").path("actor").path("type").asString())
                .as("reconciliation, not the customer's request, settled it")
                .isEqualTo("system");
        SandboxPaymentGateway.Charge after =
                sandbox.find(ChargeRequest.keyFor(paymentId)).orElseThrow();
        assertThat(after.calls())
                .as("the lookup found the charge; no new charge call")
                .isEqualTo(3);
        assertThat(after.id()).isEqualTo(charge.id());
    }

    @Test
    void aTransientErrorIsRetriedThenReconciledIntoExactlyOneCharge() throws Exception {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "70.00");

        Api.Response response = pay(customer, orderId, "pm_card_processingError");

        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        UUID paymentId = UUID.fromString(response.text("id"));
        SandboxPaymentGateway.Charge charge =
                sandbox.find(ChargeRequest.keyFor(paymentId)).orElseThrow();
        assertThat(charge.calls()).isEqualTo(3);
        assertThat(charge.status()).isEqualTo("not_charged");

        // Several instances reconcile at once: one of them claims the payment, the charge is asked for once.
        jdbc.sql("UPDATE payments SET next_check_at = now() WHERE id = :id")
                .param("id", paymentId)
                .update();
        concurrently(4, reconciliation::reconcileDue);

        awaitPaid(customer, orderId);
        assertThat(api.get("/api/payments/" + paymentId)
                        .token(customer.accessToken())
                        .send()
                        .text("status"))
                .isEqualTo("succeeded");
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM sandbox_charges WHERE idempotency_key = :key AND status = 'succeeded'")
                        .param("key", ChargeRequest.keyFor(paymentId))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        reconcileNow(paymentId);
        assertThat(sandbox.find(ChargeRequest.keyFor(paymentId)).orElseThrow().calls())
                .isEqualTo(4);
    }

    @Test
    void aChargeThatCompletesAfterTheOrderWasCancelledIsRefunded() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "40.00");
        UUID paymentId = UUID.fromString(
                pay(customer, orderId, SandboxPaymentGateway.TIMEOUT).text("id"));
        assertThat(api.post("/api/orders/" + orderId + "/cancel")
                        .token(customer.accessToken())
                        .send()
                        .status())
                .isEqualTo(200);

        reconcileNow(paymentId);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode payment = api.get("/api/payments/" + paymentId)
                    .token(customer.accessToken())
                    .send()
                    .json();
            assertThat(payment.path("status").asString()).isEqualTo("refunded");
            assertThat(payment.path("refundedAmount").path("amount").asString()).isEqualTo("40.00");
        });
        assertThat(order(customer, orderId).path("status").asString()).isEqualTo("cancelled");
        JsonNode refunds = api.get("/api/payments/" + paymentId + "/refunds")
                .token(customer.accessToken())
                .send()
                .json();
        assertThat(refunds.path("items")).hasSize(1);
        assertThat(refunds.path("items").get(0).path("automatic").asBoolean()).isTrue();
        assertThat(refunds.path("items").get(0).path("reason").asString()).contains("cancelled");
    }

    private void reconcileNow(UUID paymentId) {
        jdbc.sql("UPDATE payments SET next_check_at = now() WHERE id = :id AND status = 'processing'")
                .param("id", paymentId)
                .update();
        reconciliation.reconcileDue();
    }

    private static List<String> errorFields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    static <T> List<T> concurrently(int n, Callable<T> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
