package dev.miyabi.platform.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The metrics summary's payment outcomes per hour read {@code idx_payments_settled}: with 10 000 payments
 * settled over five weeks, a day's or a week's window is not a scan of the table (checked in a transaction
 * that is rolled back).
 */
class PaymentOutcomesPlanIntegrationTests extends IntegrationTest {

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private PaymentRepository payments;

    @Test
    void hourlyOutcomesReadTheSettledIndexNotTheTable() {
        transactions.executeWithoutResult(tx -> {
            UUID user = jdbc.sql("""
                            INSERT INTO users (email, name, password_hash, roles)
                            VALUES ('plan-' || gen_random_uuid() || '@example.test', 'Plan', 'x',
                                    ARRAY['customer']::VARCHAR(20)[])
                            RETURNING id
                            """).query(UUID.class).single();
            UUID product = jdbc.sql("""
                            INSERT INTO products (name, price, currency, category, status)
                            VALUES ('Plan product', 10, 'USD', 'technical_support', 'active') RETURNING id
                            """).query(UUID.class).single();
            jdbc.sql("""
                            INSERT INTO orders (user_id, product_id, product_name, category, quantity, unit_price, currency,
                                total_amount, status, created_at)
                            SELECT :user, :product, 'Plan product', 'technical_support', 1, 10, 'USD', 10, 'paid',
                                   now() - make_interval(mins => 5 * g.i)
                            FROM generate_series(1, 10000) AS g(i)
                            """).param("user", user).param("product", product).update();
            jdbc.sql("""
                            INSERT INTO payments (id, order_id, user_id, amount, currency, status, provider, payment_method,
                                created_at, updated_at, settled_at)
                            SELECT gen_random_uuid(), o.id, o.user_id, 10, 'USD',
                                   (ARRAY['succeeded', 'failed', 'refunded', 'partially_refunded'])[1 + (row_number() OVER () % 4)],
                                   'sandbox', 'pm_card_visa', o.created_at, o.created_at, o.created_at
                            FROM orders o WHERE o.product_id = :product
                            """).param("product", product).update();
            jdbc.sql("ANALYZE payments").update();

            Instant now = Instant.now();
            for (Duration window : List.of(Duration.ofHours(24), Duration.ofHours(168))) {
                String plan = String.join(
                        "\n",
                        jdbc.sql("EXPLAIN " + PaymentRepository.HOURLY_OUTCOMES)
                                .param("from", Timestamp.from(now.minus(window)))
                                .param("to", Timestamp.from(now))
                                .query(String.class)
                                .list());
                assertThat(plan).as(plan).contains("idx_payments_settled").doesNotContain("Seq Scan");
            }
            // And the repository's answer for the last 24 hours matches the rows (288 settled, 5 minutes apart).
            long counted = payments.hourlyOutcomes(now.minus(Duration.ofHours(24)), now).stream()
                    .mapToLong(hour -> hour.succeeded() + hour.failed())
                    .sum();
            long expected = jdbc.sql("SELECT count(*) FROM payments WHERE settled_at >= :from AND settled_at < :to")
                    .param("from", Timestamp.from(now.minus(Duration.ofHours(24))))
                    .param("to", Timestamp.from(now))
                    .query(Long.class)
                    .single();
            assertThat(counted).isEqualTo(expected).isGreaterThanOrEqualTo(287);
            tx.setRollbackOnly();
        });
    }
}
