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
 * The projection's rules without Spring or SQL: counts recounted after events, reloads raced by events,
 * the same state on every instance once quiet, recent items and the agent task queue.
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
    void anEventMarksTheCountsStaleAndTheRecountReplacesThem() {
        build(0);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        apply(change(a, null, "pending"));
        apply(change(a, "pending", "awaiting_payment"));
        apply(change(b, null, "pending"));
        apply(change(a, "awaiting_payment", "paid"));

        assertThat(projection.countsStale()).isTrue();
        assertThat(orderCounts().values()).allMatch(count -> count == 0); // events do not move the counts
        assertThat(projection.current().version()).isEqualTo(nextId - 1);

        assertThat(tick(projection)).isTrue();
        assertThat(orderCounts()).containsEntry("pending", 1L).containsEntry("paid", 1L);
        assertThat(orderCounts()).isEqualTo(orderCounts.countByStatus());
        assertThat(projection.countsStale()).isFalse();
        assertThat(tick(projection)).as("nothing new: no recount").isFalse();
    }

    @Test
    void eventsOfResourcesNobodyCountsLeaveTheCountsAlone() {
        build(0);
        projection.apply(event("product.updated", "product", UUID.randomUUID(), payload("active", "draft")));

        assertThat(projection.countsStale()).isFalse();
    }

    @Test
    void transientEventsSuchAsStateUpdatedAreIgnored() {
        build(0);
        long changes = projection.changes();
        projection.apply(new ClientEvent(
                500, "state.updated", "state", "composite", JSON.createObjectNode(), Set.of(), Set.of(), T0, false));

        assertThat(projection.changes()).isEqualTo(changes);
        assertThat(projection.current().version()).isZero();
        assertThat(projection.countsStale()).isFalse();
    }

    /** An event applied while a recount reads (it may have committed after the snapshot) marks the counts again. */
    @Test
    void anEventDuringARecountMarksTheCountsForTheNextOne() {
        build(0);
        UUID a = UUID.randomUUID();
        apply(change(a, null, "pending"));

        assertThat(projection.takeCountsStale()).isTrue();
        Map<String, Long> snapshot = orderCounts.countByStatus();
        apply(change(a, "pending", "cancelled")); // committed after the snapshot
        projection.recounted(Map.of("orders", snapshot));

        assertThat(orderCounts()).containsEntry("pending", 1L);
        assertThat(projection.countsStale()).isTrue();
        tick(projection);
        assertThat(orderCounts()).isEqualTo(orderCounts.countByStatus()).containsEntry("cancelled", 1L);
    }

    @Test
    void eventsThatRacedAReloadLeaveTheCountsStale() {
        build(0);
        projection.beginReload(0);
        Map<String, Long> snapshot = orderCounts.countByStatus();
        apply(change(UUID.randomUUID(), null, "pending"));
        projection.completeResync(loaded(snapshot));

        assertThat(projection.countsStale()).isTrue();
        tick(projection);
        assertThat(orderCounts()).isEqualTo(orderCounts.countByStatus());
    }

    /**
     * Two instances get the same events but recount at different moments, with events racing their
     * recounts and reloads: once the events stop and each has had its beat, both show the counts a
     * recount finds and the same version, the last event id.
     */
    @Test
    void onceQuietEveryInstanceShowsTheSameCountsAndVersion() {
        StateProjection other = new StateProjection(
                List.of(new StatusCounter(orderCounts)), JSON, Clock.fixed(T0, ZoneOffset.UTC), 3, 2);
        Random random = new Random(42);
        build(0);
        other.beginReload(0);
        other.completeResync(loaded(orderCounts.countByStatus()));
        List<UUID> ids = new ArrayList<>();
        for (int round = 0; round < 200; round++) {
            for (StateProjection instance : List.of(projection, other)) {
                switch (random.nextInt(4)) {
                    case 0 -> {
                        // A recount whose snapshot misses the event committed while it reads.
                        if (instance.takeCountsStale()) {
                            Map<String, Long> snapshot = orderCounts.countByStatus();
                            ClientEvent racing = randomChange(random, ids);
                            projection.apply(racing);
                            other.apply(racing);
                            instance.recounted(Map.of("orders", snapshot));
                        }
                    }
                    case 1 -> {
                        instance.beginReload(0);
                        Map<String, Long> snapshot = orderCounts.countByStatus();
                        ClientEvent racing = randomChange(random, ids);
                        projection.apply(racing);
                        other.apply(racing);
                        instance.completeResync(loaded(snapshot));
                    }
                    default -> tick(instance);
                }
            }
            ClientEvent event = randomChange(random, ids);
            projection.apply(event);
            other.apply(event);
        }
        tick(projection);
        tick(other);

        assertThat(orderCounts()).isEqualTo(orderCounts.countByStatus());
        assertThat(other.current().businessState().counts().get("orders")).isEqualTo(orderCounts());
        assertThat(projection.current().version()).isEqualTo(nextId - 1);
        assertThat(other.current().version()).isEqualTo(nextId - 1);
        assertThat(projection.countsStale()).isFalse();
        assertThat(other.countsStale()).isFalse();
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
                new StateProjection.QueueLoaded(open, false)));

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
        projection.completeResync(loaded(orderCounts.countByStatus()));
    }

    /** A beat of the manager's timer: recounts when the interval had events. */
    private boolean tick(StateProjection instance) {
        if (!instance.takeCountsStale()) {
            return false;
        }
        instance.recounted(Map.of("orders", orderCounts.countByStatus()));
        return true;
    }

    private StateProjection.Loaded loaded(Map<String, Long> orderCounts) {
        return new StateProjection.Loaded(
                Map.of("orders", orderCounts), List.of(), List.of(), new StateProjection.QueueLoaded(List.of(), true));
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
