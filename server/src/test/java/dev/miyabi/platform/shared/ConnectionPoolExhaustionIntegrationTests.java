package dev.miyabi.platform.shared;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.HeldConnections;
import dev.miyabi.platform.support.IntegrationTest;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * When every pooled connection is taken, API requests are refused at once-ish with 503 and {@code Retry-After}
 * (not 500 after the pool's 30 s timeout), a refused write changes nothing, and answers are normal again as
 * soon as connections are free.
 */
class ConnectionPoolExhaustionIntegrationTests extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void requestsThatFindNoFreeConnectionAre503WithRetryAfterAndChangeNothing() throws Exception {
        Session customer = register();
        Session admin = admin();
        String email = "refused-" + UUID.randomUUID() + "@example.test";
        String productName = "Refused product " + UUID.randomUUID();
        assertThat(readOrders(customer).status()).isEqualTo(200);

        List<Api.Response> refused = new ArrayList<>();
        List<Duration> waited = new ArrayList<>();
        List<Connection> held = HeldConnections.holdEvery(dataSource.unwrap(HikariDataSource.class));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Api.Response>> requests = List.of(
                    threads.submit(() -> readOrders(customer)),
                    threads.submit(() -> registerAs(email)),
                    threads.submit(() -> createProduct(admin, productName)));
            long started = System.nanoTime();
            for (Future<Api.Response> request : requests) {
                refused.add(request.get());
                waited.add(Duration.ofNanos(System.nanoTime() - started));
            }
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }

        for (Api.Response response : refused) {
            assertProblem(response, 503, ErrorCodes.SERVICE_UNAVAILABLE);
            assertThat(response.header("Retry-After"))
                    .as(response.toString())
                    .hasValueSatisfying(
                            value -> assertThat(Integer.parseInt(value)).isPositive());
        }
        // Far from the pool's own 30 s timeout: a client is told to come back instead of being held.
        assertThat(waited).allSatisfy(duration -> assertThat(duration).isLessThan(Duration.ofSeconds(10)));

        // The refused writes left nothing behind, and the same requests succeed now.
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE email = :email")
                        .param("email", email)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM products WHERE name = :name")
                        .param("name", productName)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(readOrders(customer).status()).isEqualTo(200);
        assertThat(registerAs(email).status()).isEqualTo(201);
        Api.Response created = createProduct(admin, productName);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    private Api.Response readOrders(Session customer) {
        return api.get("/api/orders").token(customer.accessToken()).send();
    }

    private Api.Response registerAs(String email) {
        return api.post("/api/auth/register")
                .json(Map.of("email", email, "password", PASSWORD, "name", "Refused User"))
                .send();
    }

    private Api.Response createProduct(Session admin, String name) {
        return api.post("/api/products")
                .token(admin.accessToken())
                .json(Map.of(
                        "name",
                        name,
                        "description",
                        "Created while the pool is exhausted",
                        "price",
                        Map.of("amount", "10.00", "currency", "USD"),
                        "category",
                        "ai_course_generation",
                        "status",
                        "active"))
                .send();
    }
}
