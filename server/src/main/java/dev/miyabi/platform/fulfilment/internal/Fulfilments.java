package dev.miyabi.platform.fulfilment.internal;

import dev.miyabi.platform.fulfilment.FulfilmentRoute;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table {@code fulfilments}: how each paid order was routed. */
@Repository
class Fulfilments {

    record Row(
            UUID orderId,
            FulfilmentRoute route,
            @Nullable UUID aiJobId,
            @Nullable UUID agentTaskId) {}

    private final JdbcClient jdbc;

    Fulfilments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID orderId, FulfilmentRoute route, @Nullable UUID aiJobId, @Nullable UUID agentTaskId) {
        jdbc.sql("""
                        INSERT INTO fulfilments (order_id, route, ai_job_id, agent_task_id)
                        VALUES (:order, :route, :job, :task)
                        """)
                .param("order", orderId)
                .param("route", route.value())
                .param("job", aiJobId)
                .param("task", agentTaskId)
                .update();
    }

    void linkTask(UUID orderId, UUID agentTaskId) {
        jdbc.sql("UPDATE fulfilments SET agent_task_id = :task WHERE order_id = :order")
                .param("order", orderId)
                .param("task", agentTaskId)
                .update();
    }

    Optional<Row> find(UUID orderId) {
        return jdbc.sql("SELECT order_id, route, ai_job_id, agent_task_id FROM fulfilments WHERE order_id = :order")
                .param("order", orderId)
                .query((rs, row) -> new Row(
                        rs.getObject("order_id", UUID.class),
                        FulfilmentRoute.valueOf(rs.getString("route").toUpperCase(Locale.ROOT)),
                        rs.getObject("ai_job_id", UUID.class),
                        rs.getObject("agent_task_id", UUID.class)))
                .optional();
    }
}
