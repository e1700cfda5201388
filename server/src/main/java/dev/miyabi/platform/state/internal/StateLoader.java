package dev.miyabi.platform.state.internal;

import dev.miyabi.platform.agents.AgentTask;
import dev.miyabi.platform.agents.AgentTaskView;
import dev.miyabi.platform.agents.Orchestrator;
import dev.miyabi.platform.aijobs.AiJobs;
import dev.miyabi.platform.identity.UserActivity;
import dev.miyabi.platform.identity.UserDirectory;
import dev.miyabi.platform.orders.Orders;
import dev.miyabi.platform.realtime.InstancePresence;
import dev.miyabi.platform.realtime.RealtimePresence;
import dev.miyabi.platform.state.RecentJob;
import dev.miyabi.platform.state.RecentOrder;
import dev.miyabi.platform.state.UserState;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the state from PostgreSQL through the other modules' facades. A full reload and a recount each
 * run in one read-only {@code REPEATABLE READ} transaction, so everything they read comes from the same
 * snapshot (the facades' own read-only transactions join it).
 */
@Component
class StateLoader {

    private final Orders orders;
    private final AiJobs jobs;
    private final Orchestrator orchestrator;
    private final UserDirectory users;
    private final RealtimePresence presence;
    private final TransactionTemplate snapshot;
    private final TransactionTemplate readOnly;
    private final Clock clock;

    StateLoader(
            Orders orders,
            AiJobs jobs,
            Orchestrator orchestrator,
            UserDirectory users,
            RealtimePresence presence,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.orders = orders;
        this.jobs = jobs;
        this.orchestrator = orchestrator;
        this.users = users;
        this.presence = presence;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.clock = clock;
    }

    /** Everything but the user figures, as of one snapshot. */
    StateProjection.Loaded loadAll(List<Counter> counters, int recentItems, int queueWindow) {
        return Objects.requireNonNull(snapshot.execute(status -> {
            List<RecentOrder> recentOrders =
                    orders.recent(recentItems).stream().map(RecentOrder::of).toList();
            List<RecentJob> recentJobs =
                    jobs.recent(recentItems).stream().map(RecentJob::of).toList();
            return new StateProjection.Loaded(counts(counters), recentOrders, recentJobs, queue(queueWindow));
        }));
    }

    /** Every group's counts, as of one snapshot. */
    Map<String, Map<String, Long>> loadCounts(List<Counter> counters) {
        return Objects.requireNonNull(snapshot.execute(status -> counts(counters)));
    }

    private static Map<String, Map<String, Long>> counts(List<Counter> counters) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (Counter counter : counters) {
            counts.put(counter.group(), counter.recount());
        }
        return counts;
    }

    StateProjection.QueueLoaded loadQueue(int queueWindow) {
        return Objects.requireNonNull(readOnly.execute(status -> queue(queueWindow)));
    }

    UserState loadUsers() {
        UserActivity activity = users.activity();
        List<InstancePresence> instances = presence.cluster();
        return new UserState(
                activity.registeredUsers(),
                activity.activeSessions(),
                activity.activeUsers(),
                activity.recentlyActiveUsers(),
                instances.stream().mapToLong(InstancePresence::connections).sum(),
                instances.stream().mapToLong(InstancePresence::users).sum(),
                instances,
                clock.instant());
    }

    private StateProjection.QueueLoaded queue(int window) {
        List<AgentTask> open = orchestrator.queue(window);
        return new StateProjection.QueueLoaded(
                open.stream().map(AgentTaskView::of).toList(), open.size() < window);
    }
}
