package dev.miyabi.platform.orders.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.orders.OrderStatus;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every query of the order listing is served by an index with 10 000 orders of 500 customers: the
 * plans of the repository's own SQL are checked (in a transaction that is rolled back).
 */
class OrderListingPlansIntegrationTests extends IntegrationTest {

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void listingQueriesUseIndexesNotSequentialScans() {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("""
                            INSERT INTO users (email, name, password_hash, roles)
                            SELECT 'plan-' || i || '-' || gen_random_uuid() || '@example.test', 'Plan ' || i, 'x',
                                   ARRAY['customer']::VARCHAR(20)[]
                            FROM generate_series(1, 500) AS i
                            """).update();
            UUID product = jdbc.sql("""
                            INSERT INTO products (name, price, currency, category, status)
                            VALUES ('Plan product', 10, 'USD', 'technical_support', 'active') RETURNING id
                            """).query(UUID.class).single();
            jdbc.sql("""
                            INSERT INTO orders (user_id, product_id, product_name, category, quantity, unit_price, currency,
                                total_amount, status, created_at)
                            SELECT u.id, :product, 'Plan product', 'technical_support', 1, 10, 'USD', 10,
                                   (ARRAY['awaiting_payment', 'paid', 'fulfilling', 'completed', 'cancelled',
                                          'pending', 'awaiting_approval', 'rejected', 'failed'])[1 + (g.i % 9)],
                                   now() - make_interval(secs => g.i)
                            FROM generate_series(1, 10000) AS g(i)
                            JOIN LATERAL (SELECT id FROM users WHERE name = 'Plan ' || (1 + g.i % 500) LIMIT 1) u ON true
                            """).param("product", product).update();
            jdbc.sql("""
                            INSERT INTO order_timeline (order_id, status, actor_type, actor_name)
                            SELECT id, s, 'system', 'Miyabi' FROM orders, unnest(ARRAY['pending', 'awaiting_payment']) AS s
                            WHERE product_id = :product
                            """).param("product", product).update();
            jdbc.sql("ANALYZE users").update();
            jdbc.sql("ANALYZE orders").update();
            jdbc.sql("ANALYZE order_timeline").update();
            UUID customer = jdbc.sql("SELECT id FROM users WHERE name = 'Plan 7' LIMIT 1")
                    .query(UUID.class)
                    .single();

            String own = plan(new OrderFilter(customer, null), "createdAt,desc");
            assertThat(own).as(own).containsAnyOf("idx_orders_user_created", "idx_orders_user_status_created");
            assertThat(own).doesNotContain("Seq Scan");
            assertUses(
                    plan(new OrderFilter(customer, OrderStatus.PAID), "createdAt,desc"),
                    "idx_orders_user_status_created");
            assertUses(plan(new OrderFilter(null, null), "createdAt,desc"), "idx_orders_created");
            assertUses(plan(new OrderFilter(null, null), "createdAt,asc"), "idx_orders_created");
            assertUses(
                    plan(new OrderFilter(null, OrderStatus.PAID), "createdAt,desc"),
                    "idx_orders_status_created",
                    "idx_orders_created");

            List<UUID> page = jdbc.sql("SELECT id FROM orders WHERE user_id = :customer LIMIT 20")
                    .param("customer", customer)
                    .query(UUID.class)
                    .list();
            String timelines = String.join(
                    "\n",
                    jdbc.sql("EXPLAIN SELECT * FROM order_timeline WHERE order_id IN (:ids) ORDER BY order_id, id")
                            .param("ids", page)
                            .query(String.class)
                            .list());
            assertUses(timelines, "idx_order_timeline_order");

            tx.setRollbackOnly();
        });
    }

    private String plan(OrderFilter filter, String sort) {
        Map.Entry<String, Map<String, Object>> sql =
                OrderRepository.pageSql(filter, PageQuery.of(0, 20, sort, Set.of("createdAt"), "createdAt,desc"));
        return String.join(
                "\n",
                jdbc.sql("EXPLAIN " + sql.getKey())
                        .params(sql.getValue())
                        .query(String.class)
                        .list());
    }

    /** The plan reads through one of the indexes (the planner picks by statistics) and never the whole table. */
    private static void assertUses(String plan, String... indexes) {
        assertThat(plan).as(plan).containsAnyOf(indexes).doesNotContain("Seq Scan");
    }
}
