package dev.miyabi.platform.state.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.agents.AgentTask;
import dev.miyabi.platform.agents.AgentTaskStatus;
import dev.miyabi.platform.agents.AgentTaskView;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.catalog.ProductCategory;
import dev.miyabi.platform.orders.OrderSnapshot;
import dev.miyabi.platform.orders.OrderStatus;
import dev.miyabi.platform.realtime.ClientEvent;
import dev.miyabi.platform.shared.Money;
import dev.miyabi.platform.state.BusinessCounts;
import dev.miyabi.platform.state.CompositeServiceState;
import dev.miyabi.platform.state.RecentOrder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The projection's rules without Spring or SQL: counts kept from status changes, the merge of a reload
 * with the events that raced it, recent items and the agent task queue.
 */
class StateProjectionTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");

    /** The "database": every order's status; the counts a recount would find. */
    private final Map<UUID, String> orders = new LinkedHashMap<>();

    private final BusinessCounts orderCounts = new BusinessCounts() {
        @Override
        public String name() {
            return "orders";
        }

        @Override
        public String resourceType() {
            return "order";
        }

        @Override
        public Map<String, Long> countByStatus() {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (OrderStatus status : OrderStatus.values()) {
                counts.put(status.value(), 0L);
            }
            orders.values().forEach(status -> counts.merge(status, 1L, Long::sum));
            return counts;
        }
    };

    private final StateProjection projection =
            new StateProjection(List.of(new StatusCounter(orderCounts)), JSON, Clock.fixed(T0, ZoneOffset.UTC), 3, 2);

    private long nextId = 100;

    @Test
    void countsFollowStatusChangesOnceBuilt() {
        build(0);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        apply(change(a, null, "pending"));
        apply(change(a, "pending", "awaiting_payment"));
        apply(change(b, null, "pending"));
        apply(change(a, "awaiting_payment", "paid"));

        assertThat(orderCounts()).containsEntry("pending", 1L).containsEntry("paid", 1L);
        assertThat(orderCounts().get("awaiting_payment")).isZero();
        assertThat(orderCounts()).isEqualTo(orderCounts.countByStatus());
        assertThat(projection.current().version()).isEqualTo(nextId - 1);
        assertThat(projection.countsDirty()).isFalse();
    }

    @Test
    void anEventThatDoesNotSayWhatItMovedMakesTheCountsDirtyInsteadOfGuessing() {
        build(0);
        ObjectNode payload = JSON.createObjectNode().put("status", "paid"); // no previousStatus
        projection.apply(event("order.updated", "order", UUID.randomUUID(), payload));

        assertThat(projection.countsDirty()).isTrue();
        assertThat(orderCounts().values()).allMatch(count -> count == 0);
    }

    @Test
    void aCountGoingNegativeMakesTheCountsDirty() {
        build(0);
        projection.apply(event("order.updated", "order", UUID.randomUUID(), payload("paid", "completed")));

        assertThat(projection.countsDirty()).isTrue();
    }

    @Test
    void transientEventsSuchAsStateUpdatedAreIgnored() {
        build(0);
        long changes = projection.changes();
        projection.apply(new ClientEvent(
                500, "state.updated", "state", "composite", JSON.createObjectNode(), Set.of(), Set.of(), T0, false));

        assertThat(projection.changes()).isEqualTo(changes);
        assertThat(projection.current().version()).isZero();
    }

    /**
     * A reload races the events: some committed before its snapshot (the recount has them) but arrive
     * after it began, some committed after the snapshot (it has not), some were seen by the snapshot and
     * arrive only after the merge. Each is counted exactly once.
     */
    @Test
    void aReloadMergedWithTheEventsThatRacedItCountsEachChangeOnce() {
        build(0);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        apply(change(a, null, "pending"));

        long start = projection.beginReload(0);
        ClientEvent before = change(b, null, "pending"); // committed before the snapshot
        ClientEvent lateSeen = change(c, null, "pending"); // committed before, delivered after the merge
        Map<String, Long> recount = orderCounts.countByStatus(); // the snapshot
        projection.apply(before);
        ClientEvent after = change(a, "pending", "cancelled"); // committed after the snapshot
        projection.apply(after);

        projection.completeResync(loaded(recount, Set.of(before.id(), lateSeen.id())));
        assertThat(start).isEqualTo(before.id() - 1);
        projection.apply(lateSeen);

        assertThat(orderCounts()).isEqualTo(orderCounts.countByStatus());
        assertThat(orderCounts()).containsEntry("pending", 2L).containsEntry("cancelled", 1L);
        assertThat(projection.countsDirty()).isFalse();
    }

    /** Many random interleavings of status changes and reloads: the counts always equal a recount. */
    @Test
    void countsEqualARecountAfterRandomBurstsRacingReloads() {
        Random random = new Random(42);
        build(0);
        List<UUID> ids = new ArrayList<>();
        for (int round = 0; round < 200; round++) {
            boolean reload = random.nextInt(4) == 0;
            Map<String, Long> recount = null;
            List<ClientEvent> pending = new ArrayList<>();
            if (reload) {
                projection.beginReload(0);
            }
            for (int i = 0; i < 10; i++) {
                ClientEvent event = randomChange(random, ids);
                pending.add(event);
                if (reload && i == 5) {
                    recount = orderCounts.countByStatus(); // the snapshot: sees the first six
                }
            }
            // Delivery lags commits: some are applied before the merge, the rest after.
            int deliveredBeforeMerge = random.nextInt(pending.size() + 1);
            pending.subList(0, deliveredBeforeMerge).forEach(projection::apply);
            if (reload) {
                Set<Long> seen = new HashSet<>();
                pending.subList(0, 6).forEach(event -> seen.add(event.id()));
                projection.completeResync(loaded(recount, seen));
            }
            pending.subList(deliveredBeforeMerge, pending.size()).forEach(projection::apply);
            assertThat(orderCounts()).as("round %d", round).isEqualTo(orderCounts.countByStatus());
        }
        assertThat(projection.countsDirty()).isFalse();
    }

    @Test
    void recentOrdersKeepTheNewestWithTheirLatestStatus() {
        build(0);
        List<UUID> placed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID id = UUID.randomUUID();
            placed.add(id);
            projection.apply(orderEvent(id, T0.plusSeconds(i), OrderStatus.PENDING, null));
        }
        // The newest order moves on; the oldest (not listed any more) too.
        projection.apply(orderEvent(placed.get(4), T0.plusSeconds(4), OrderStatus.AWAITING_PAYMENT, "pending"));
        projection.apply(orderEvent(placed.getFirst(), T0, OrderStatus.CANCELLED, "pending"));

        List<RecentOrder> recent = projection.current().businessState().recentOrders();
        assertThat(recent).extracting(RecentOrder::id).containsExactly(placed.get(4), placed.get(3), placed.get(2));
        assertThat(recent.getFirst().status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
    }

    /**
     * The queue keeps up to twice its size: a task that ends leaves it, an open one joins it in serving
     * order, and when more tasks are open than it holds and it runs short, it asks for a refill.
     */
    @Test
    void theAgentQueueServesByPriorityThenAgeAndAsksForARefillWhenItRunsShort() {
        projection.beginReload(0);
        List<AgentTaskView> open = List.of(task(5, 0), task(4, 1), task(3, 2), task(2, 3)); // 4 of many open
        projection.completeResync(new StateProjection.Loaded(
                Map.of("orders", orderCounts.countByStatus()),
                List.of(),
                List.of(),
                new StateProjection.QueueLoaded(open, false),
                Set.of(),
                true));

        projection.apply(taskEvent(task(1, 4))); // behind the last one held: more may be waiting in between
        AgentTaskView urgent = task(10, 5);
        projection.apply(taskEvent(urgent));
        assertThat(projection.current().agentState().queue())
                .extracting(AgentTaskView::priority)
                .containsExactly(10, 5);

        projection.apply(taskEvent(ended(urgent)));
        projection.apply(taskEvent(ended(open.get(0))));
        assertThat(projection.queueDirty()).isFalse();
        projection.apply(taskEvent(ended(open.get(1)))); // the one with priority 2 was trimmed off earlier
        assertThat(projection.current().agentState().queue())
                .extracting(AgentTaskView::priority)
                .containsExactly(3);
        assertThat(projection.queueDirty()).isTrue();

        projection.beginReload(0);
        projection.completeQueueRefill(
                new StateProjection.QueueLoaded(List.of(open.get(2), open.get(3), task(1, 4)), true));
        assertThat(projection.queueDirty()).isFalse();
        assertThat(projection.current().agentState().queue())
                .extracting(AgentTaskView::priority)
                .containsExactly(3, 2);
    }

    @Test
    void readsAreTheSameImmutableSnapshotUntilSomethingChanges() {
        build(0);
        CompositeServiceState first = projection.current();
        assertThat(projection.current()).isSameAs(first);
        apply(change(UUID.randomUUID(), null, "pending"));
        assertThat(projection.current()).isNotSameAs(first);
        assertThat(first.version()).isZero();
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private void build(long position) {
        projection.beginReload(position);
        projection.completeResync(loaded(orderCounts.countByStatus(), Set.of()));
    }

    private StateProjection.Loaded loaded(Map<String, Long> orderCounts, Set<Long> seen) {
        return new StateProjection.Loaded(
                Map.of("orders", orderCounts),
                List.of(),
                List.of(),
                new StateProjection.QueueLoaded(List.of(), true),
                seen,
                true);
    }

    private Map<String, Long> orderCounts() {
        return projection.current().businessState().counts().get("orders");
    }

    /** A status change committed to the "database" now; returns its event (not applied yet). */
    private ClientEvent change(UUID order, @Nullable String from, String to) {
        orders.put(order, to);
        return event(from == null ? "order.created" : "order.updated", "order", order, payload(to, from));
    }

    private void apply(ClientEvent event) {
        projection.apply(event);
    }

    private ClientEvent randomChange(Random random, List<UUID> ids) {
        OrderStatus[] statuses = OrderStatus.values();
        if (ids.isEmpty() || random.nextInt(3) == 0) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            return change(id, null, "pending");
        }
        UUID id = ids.get(random.nextInt(ids.size()));
        return change(id, orders.get(id), statuses[random.nextInt(statuses.length)].value());
    }

    private static ObjectNode payload(String status, @Nullable String previous) {
        ObjectNode payload = JSON.createObjectNode().put("status", status);
        payload.put("previousStatus", previous);
        return payload;
    }

    private ClientEvent orderEvent(UUID id, Instant createdAt, OrderStatus status, @Nullable String previous) {
        Money price = Money.of("10.00", "USD");
        OrderSnapshot order = new OrderSnapshot(
                id,
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Product",
                ProductCategory.BUSINESS_CONSULTING,
                1,
                price,
                price,
                status,
                null,
                null,
                null,
                null,
                1,
                createdAt,
                createdAt,
                null,
                List.of());
        ObjectNode payload = JSON.valueToTree(order);
        payload.put("previousStatus", previous);
        return event(previous == null ? "order.created" : "order.updated", "order", id, payload);
    }

    private static AgentTaskView task(int priority, int age) {
        return new AgentTaskView(
                UUID.randomUUID(),
                "Task " + priority,
                AgentType.APPROVAL_WORKFLOW,
                AgentType.APPROVAL_WORKFLOW.id(),
                AgentTaskStatus.SUBMITTED,
                AgentTask.Execution.MANUAL,
                priority,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new AgentTaskView.TokenUsage(0, 0),
                T0.plusSeconds(age),
                T0.plusSeconds(age),
                null,
                null);
    }

    private static AgentTaskView ended(AgentTaskView task) {
        return new AgentTaskView(
                task.id(),
                task.title(),
                task.agentType(),
                task.agentId(),
                AgentTaskStatus.COMPLETED,
                task.execution(),
                task.priority(),
                task.retryCount(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                task.tokenUsage(),
                task.createdAt(),
                T0.plusSeconds(100),
                null,
                T0.plusSeconds(100));
    }

    private ClientEvent taskEvent(AgentTaskView task) {
        ObjectNode payload = JSON.valueToTree(task);
        payload.put("previousStatus", "submitted");
        return event("agent.task.updated", "agent_task", task.id(), payload);
    }

    private ClientEvent event(String type, String resourceType, UUID resource, ObjectNode payload) {
        return new ClientEvent(
                nextId++, type, resourceType, resource.toString(), payload, Set.of(), Set.of(), T0, true);
    }
}
