package dev.miyabi.platform.shared.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.CommerceFixtures;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Event listeners that fail, or whose instance dies, are served again while the instances run:
 * a transient database error no longer leaves a paid order without its fulfilment until some restart.
 */
class EventRedeliveryIntegrationTests extends CommerceFixtures {

    @Autowired
    EventRedelivery redelivery;

    @Autowired
    DataSource dataSource;

    /** A fault the tests switch on per order: inserting its fulfilment fails, as on a database hiccup. */
    @BeforeAll
    static void installFault(@Autowired JdbcClient jdbc) {
        jdbc.sql("CREATE TABLE IF NOT EXISTS test_fulfilment_faults (order_id UUID PRIMARY KEY)")
                .update();
        jdbc.sql("""
                        CREATE OR REPLACE FUNCTION test_fulfilment_fault() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN
                          IF EXISTS (SELECT 1 FROM test_fulfilment_faults WHERE order_id = NEW.order_id) THEN
                            RAISE EXCEPTION 'injected fault for order %', NEW.order_id;
                          END IF;
                          RETURN NEW;
                        END $$
                        """).update();
        jdbc.sql("DROP TRIGGER IF EXISTS test_fulfilment_fault ON fulfilments").update();
        jdbc.sql("""
                        CREATE TRIGGER test_fulfilment_fault BEFORE INSERT ON fulfilments
                        FOR EACH ROW EXECUTE FUNCTION test_fulfilment_fault()
                        """).update();
    }

    @AfterAll
    static void removeFault(@Autowired JdbcClient jdbc) {
        jdbc.sql("DROP TRIGGER IF EXISTS test_fulfilment_fault ON fulfilments").update();
        jdbc.sql("DROP FUNCTION IF EXISTS test_fulfilment_fault()").update();
        jdbc.sql("DROP TABLE IF EXISTS test_fulfilment_faults").update();
    }

    @Test
    void aPaidOrderWhoseFulfilmentHitATransientErrorIsFulfilledWithoutARestart() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "20.00");
        jdbc.sql("INSERT INTO test_fulfilment_faults VALUES (:order)")
                .param("order", orderId)
                .update();

        assertThat(pay(customer, orderId, "pm_card_visa").status()).isEqualTo(201);
        await("the fulfilment listener fails on the injected fault")
                .atMost(Duration.ofSeconds(20))
                .until(() -> "FAILED".equals(paidPublicationStatus(orderId)));
        assertThat(order(customer, orderId).path("status").asString()).isEqualTo("paid");

        // The database is well again: the next rounds deliver the event again, with no restart.
        jdbc.sql("DELETE FROM test_fulfilment_faults WHERE order_id = :order")
                .param("order", orderId)
                .update();
        await("the scheduled redelivery routes the order")
                .atMost(Duration.ofSeconds(60))
                .until(() -> order(customer, orderId).path("status").asString(), "fulfilling"::equals);
        assertThat(paidPublicationStatus(orderId)).isEqualTo("COMPLETED");
        assertThat(jdbc.sql("SELECT completion_attempts FROM event_publication WHERE id = :id")
                        .param("id", paidPublication(orderId))
                        .query(Integer.class)
                        .single())
                .isGreaterThanOrEqualTo(1);
        assertThat(count("SELECT count(*) FROM fulfilments WHERE order_id = :id", orderId))
                .isEqualTo(1);
    }

    @Test
    void aPublicationALiveInstanceWorksOnIsLeftAloneAndOneADeadInstanceLeftIsDeliveredAgain() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "21.00");
        assertThat(pay(customer, orderId, "pm_card_visa").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> "COMPLETED".equals(paidPublicationStatus(orderId)));
        UUID publication = paidPublication(orderId);

        // Handed to a listener a minute ago and not done: another instance may still be at it.
        handOver(publication, Instant.now().minus(Duration.ofMinutes(1)));
        redelivery.redeliver();
        assertThat(status(publication)).isEqualTo("PUBLISHED");

        // Three minutes: past miyabi.events.stale-after (2 min), its instance died. Delivered again,
        // and the listener, idempotent, routes nothing twice.
        handOver(publication, Instant.now().minus(Duration.ofMinutes(3)));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            redelivery.redeliver();
            return "COMPLETED".equals(status(publication));
        });
        assertThat(count("SELECT count(*) FROM fulfilments WHERE order_id = :id", orderId))
                .isEqualTo(1);
        assertThat(order(customer, orderId).path("status").asString()).isEqualTo("fulfilling");
    }

    @Test
    void oneInstanceAtATimeRedelivers() throws Exception {
        try (Connection other = dataSource.getConnection();
                Statement statement = other.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(hashtextextended('miyabi.events.redelivery', 0))");
            assertThat(redelivery.redeliver()).isEqualTo(-1);
            statement.execute("SELECT pg_advisory_unlock(hashtextextended('miyabi.events.redelivery', 0))");
        }
        assertThat(redelivery.redeliver()).isGreaterThanOrEqualTo(0);
    }

    /**
     * Every listener that a paid, fulfilled course order and a paid order cancelled and refunded
     * reach is idempotent: each of their publications delivered once more changes nothing.
     */
    @Test
    void everyListenerDeliveredAgainChangesNothing() {
        Instant start = Instant.now().minusSeconds(1);
        Session customer = register();

        String courseProduct = createProduct("29.00", "USD", "ai_course_generation");
        Api.Response placed = placeOrder(customer, courseProduct, 1, shortCourseInput());
        assertThat(placed.status()).as(placed.toString()).isIn(201);
        UUID course = UUID.fromString(placed.text("id"));
        assertThat(pay(customer, course, "pm_card_visa").status()).isEqualTo(201);

        UUID support = orderAwaitingPayment(customer, "30.00");
        assertThat(pay(customer, support, "pm_card_visa").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> order(customer, support).path("status").asString(), "fulfilling"::equals);
        assertThat(api.post("/api/orders/" + support + "/cancel")
                        .token(adminSession().accessToken())
                        .send()
                        .status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(120))
                .until(() -> order(customer, course).path("status").asString(), "completed"::equals);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count(
                                "SELECT count(*) FROM refunds r JOIN payments p ON p.id = r.payment_id"
                                        + " WHERE p.order_id = :id AND r.status = 'succeeded'",
                                support)
                        == 1);
        await("every publication since the start is complete")
                .atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ofSeconds(1))
                .until(() -> incompleteSince(start) == 0);
        Map<String, Long> before = effects(customer.id(), List.of(course, support), courseProduct);

        List<String> listeners = jdbc.sql("""
                        UPDATE event_publication
                        SET completion_date = NULL, status = 'FAILED', last_resubmission_date = :long_ago
                        WHERE publication_date >= :start
                        RETURNING listener_id
                        """)
                .param("long_ago", Timestamp.from(Instant.now().minus(Duration.ofHours(1))))
                .param("start", Timestamp.from(start))
                .query(String.class)
                .list();
        assertThat(listeners)
                .anyMatch(it -> it.contains("OrderFulfilment"))
                .anyMatch(it -> it.contains("OrderRefunds"))
                .anyMatch(it -> it.contains("OrderCancellations"))
                .anyMatch(it -> it.contains("ContentIndexer"));

        await("every publication delivered again completes")
                .atMost(Duration.ofSeconds(60))
                .until(() -> {
                    redelivery.redeliver();
                    return incompleteSince(start) == 0;
                });
        await("nothing changes")
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> effects(customer.id(), List.of(course, support), courseProduct)
                        .equals(before));
        assertThat(order(customer, course).path("status").asString()).isEqualTo("completed");
        assertThat(order(customer, support).path("status").asString()).isEqualTo("cancelled");
    }

    private static Map<String, Object> shortCourseInput() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("topic", "Redelivered events " + UUID.randomUUID().toString().substring(0, 8));
        input.put("targetAudience", "Engineers on call");
        input.put("difficulty", "beginner");
        input.put("estimatedHours", 1);
        input.put(
                "learningObjectives", List.of("Spot a lost event", "Deliver it again safely", "Prove nothing changed"));
        input.put("format", "text");
        input.put("language", "en");
        return input;
    }

    /** What the listeners of these orders produce, counted. */
    private Map<String, Long> effects(UUID customer, List<UUID> orders, String product) {
        Map<String, Long> effects = new LinkedHashMap<>();
        String mine = "SELECT id FROM orders WHERE user_id = :customer";
        effects.put(
                "timeline entries",
                count("SELECT count(*) FROM order_timeline WHERE order_id IN (" + mine + ")", customer));
        effects.put(
                "fulfilments", count("SELECT count(*) FROM fulfilments WHERE order_id IN (" + mine + ")", customer));
        effects.put("jobs", count("SELECT count(*) FROM ai_jobs WHERE user_id = :customer", customer));
        effects.put("payments", count("SELECT count(*) FROM payments WHERE order_id IN (" + mine + ")", customer));
        effects.put(
                "refunds",
                count(
                        "SELECT count(*) FROM refunds WHERE payment_id IN"
                                + " (SELECT id FROM payments WHERE order_id IN (" + mine + "))",
                        customer));
        effects.put(
                "agent tasks",
                count(
                        "SELECT count(*) FROM agent_tasks WHERE resource_id IN"
                                + " (SELECT id::text FROM orders WHERE user_id = :customer"
                                + "  UNION SELECT id::text FROM ai_jobs WHERE user_id = :customer"
                                + "  UNION SELECT id::text FROM payments WHERE order_id IN (" + mine + "))",
                        customer));
        effects.put(
                "events",
                count(
                        "SELECT count(*) FROM event_log WHERE resource_id IN"
                                + " (SELECT id::text FROM orders WHERE user_id = :customer"
                                + "  UNION SELECT id::text FROM ai_jobs WHERE user_id = :customer"
                                + "  UNION SELECT id::text FROM payments WHERE order_id IN (" + mine + "))",
                        customer));
        effects.put(
                "course passages", count("SELECT count(*) FROM search_chunks WHERE owner_id = :customer", customer));
        effects.put(
                "product passages",
                jdbc.sql("SELECT count(*) FROM search_chunks WHERE source_id = :product")
                        .param("product", UUID.fromString(product))
                        .query(Long.class)
                        .single());
        effects.put("orders", (long) orders.size());
        return effects;
    }

    private long count(String sql, UUID id) {
        JdbcClient.StatementSpec statement = jdbc.sql(sql);
        if (sql.contains(":customer")) {
            statement = statement.param("customer", id);
        }
        if (sql.contains(":id")) {
            statement = statement.param("id", id);
        }
        return statement.query(Long.class).single();
    }

    private long incompleteSince(Instant start) {
        return jdbc.sql(
                        "SELECT count(*) FROM event_publication WHERE completion_date IS NULL AND publication_date >= :start")
                .param("start", Timestamp.from(start))
                .query(Long.class)
                .single();
    }

    /** The fulfilment listener's publication of the order's change to paid. */
    private UUID paidPublication(UUID orderId) {
        return paidPublicationRow(orderId, "id", UUID.class).orElseThrow();
    }

    private String paidPublicationStatus(UUID orderId) {
        return paidPublicationRow(orderId, "status", String.class).orElse("none");
    }

    private <T> java.util.Optional<T> paidPublicationRow(UUID orderId, String column, Class<T> type) {
        return jdbc.sql("SELECT " + column + """
                         FROM event_publication
                        WHERE listener_id LIKE '%OrderFulfilment%' AND serialized_event LIKE :order
                          AND serialized_event LIKE '%"to":"paid"%'
                        """)
                .param("order", "%" + orderId + "%")
                .query(type)
                .optional();
    }

    private String status(UUID publication) {
        return jdbc.sql("SELECT status FROM event_publication WHERE id = :id")
                .param("id", publication)
                .query(String.class)
                .single();
    }

    /** The publication as an instance leaves it when it dies while the listener runs. */
    private void handOver(UUID publication, Instant when) {
        jdbc.sql("""
                        UPDATE event_publication
                        SET completion_date = NULL, status = 'PUBLISHED', publication_date = :when,
                            last_resubmission_date = NULL
                        WHERE id = :id
                        """)
                .param("when", Timestamp.from(when))
                .param("id", publication)
                .update();
    }
}
