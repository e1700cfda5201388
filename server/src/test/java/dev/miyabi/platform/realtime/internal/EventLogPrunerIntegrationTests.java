package dev.miyabi.platform.realtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.realtime.ClientEvents;
import dev.miyabi.platform.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Events older than the retention (7 days by default) are deleted; newer ones stay replayable. */
class EventLogPrunerIntegrationTests extends IntegrationTest {

    @Autowired
    EventLogPruner pruner;

    @Autowired
    ClientEvents clientEvents;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void deletesEventsOlderThanTheRetentionAndKeepsTheRest() {
        long old = append("old");
        long almostOld = append("almost-old");
        long recent = append("recent");
        backdate(old, "8 days");
        backdate(almostOld, "6 days 23 hours");

        assertThat(pruner.prune()).isGreaterThanOrEqualTo(1);

        assertThat(exists(old)).isFalse();
        assertThat(exists(almostOld)).isTrue();
        assertThat(exists(recent)).isTrue();
        assertThat(pruner.prune()).isZero();
    }

    private long append(String name) {
        return new TransactionTemplate(transactions)
                .execute(status -> clientEvents.append("order.updated", "order", name, Map.of(), List.of(), List.of()));
    }

    private void backdate(long id, String age) {
        jdbc.sql("UPDATE event_log SET created_at = now() - CAST(:age AS interval) WHERE id = :id")
                .param("age", age)
                .param("id", id)
                .update();
    }

    private boolean exists(long id) {
        return jdbc.sql("SELECT count(*) FROM event_log WHERE id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single()
                == 1;
    }
}
