package dev.miyabi.platform.orders.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miyabi.platform.catalog.Product;
import dev.miyabi.platform.catalog.ProductCategory;
import dev.miyabi.platform.catalog.ProductStatus;
import dev.miyabi.platform.orders.IllegalOrderTransitionException;
import dev.miyabi.platform.orders.OrderEvent;
import dev.miyabi.platform.orders.OrderPlaced;
import dev.miyabi.platform.orders.OrderSnapshot;
import dev.miyabi.platform.orders.OrderStatus;
import dev.miyabi.platform.orders.OrderStatusChanged;
import dev.miyabi.platform.orders.TimelineEntry;
import dev.miyabi.platform.orders.TimelineNote;
import dev.miyabi.platform.shared.Actor;
import dev.miyabi.platform.shared.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** The state machine of API.md, transition by transition, from every status. */
class OrderTests {

    private static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-26T08:00:00Z");
    private static final Actor CUSTOMER = Actor.user(UUID.randomUUID(), "Customer");
    private static final Actor AGENT = Actor.agent("204", "PaymentProcessorAgent");
    private static final UUID ID = UUID.randomUUID();

    /** One intent of the aggregate, and the statuses it may start from. */
    record Intent(String name, OrderStatus target, Set<OrderStatus> legalFrom, Consumer<Order> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Intent> INTENTS = List.of(
            new Intent(
                    "requireApproval",
                    OrderStatus.AWAITING_APPROVAL,
                    EnumSet.of(OrderStatus.PENDING),
                    o -> o.requireApproval(
                            ID, AGENT, TimelineNote.of(TimelineNote.Kind.APPROVAL_REQUIRED, "policy"), T1)),
            new Intent(
                    "awaitPayment",
                    OrderStatus.AWAITING_PAYMENT,
                    EnumSet.of(OrderStatus.PENDING),
                    o -> o.awaitPayment(Actor.system(), null, T1)),
            new Intent(
                    "approve",
                    OrderStatus.AWAITING_PAYMENT,
                    EnumSet.of(OrderStatus.AWAITING_APPROVAL),
                    o -> o.approve(AGENT, TimelineNote.of(TimelineNote.Kind.APPROVED, "ok"), T1)),
            new Intent(
                    "reject",
                    OrderStatus.REJECTED,
                    EnumSet.of(OrderStatus.AWAITING_APPROVAL),
                    o -> o.reject(AGENT, TimelineNote.of(TimelineNote.Kind.REJECTED, "no"), T1)),
            new Intent(
                    "markPaid",
                    OrderStatus.PAID,
                    EnumSet.of(OrderStatus.AWAITING_PAYMENT),
                    o -> o.markPaid(ID, AGENT, null, T1)),
            new Intent(
                    "startFulfilment",
                    OrderStatus.FULFILLING,
                    EnumSet.of(OrderStatus.PAID),
                    o -> o.startFulfilment(ID, AGENT, null, T1)),
            new Intent(
                    "complete",
                    OrderStatus.COMPLETED,
                    EnumSet.of(OrderStatus.FULFILLING),
                    o -> o.complete(AGENT, null, T1)),
            new Intent(
                    "fail",
                    OrderStatus.FAILED,
                    EnumSet.of(OrderStatus.PAID, OrderStatus.FULFILLING),
                    o -> o.fail(AGENT, TimelineNote.of(TimelineNote.Kind.AI_JOB_FAILED, "gave up"), T1)),
            new Intent(
                    "cancel by customer",
                    OrderStatus.CANCELLED,
                    EnumSet.of(OrderStatus.PENDING, OrderStatus.AWAITING_APPROVAL, OrderStatus.AWAITING_PAYMENT),
                    o -> o.cancel(
                            CUSTOMER, false, TimelineNote.of(TimelineNote.Kind.CANCELLED, "changed my mind"), T1)),
            new Intent(
                    "cancel by admin",
                    OrderStatus.CANCELLED,
                    EnumSet.of(
                            OrderStatus.PENDING,
                            OrderStatus.AWAITING_APPROVAL,
                            OrderStatus.AWAITING_PAYMENT,
                            OrderStatus.PAID,
                            OrderStatus.FULFILLING),
                    o -> o.cancel(CUSTOMER, true, null, T1)));

    static List<Arguments> everyIntentFromEveryStatus() {
        List<Arguments> cases = new ArrayList<>();
        for (Intent intent : INTENTS) {
            for (OrderStatus from : OrderStatus.values()) {
                cases.add(Arguments.of(intent, from));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("everyIntentFromEveryStatus")
    void aTransitionIsLegalExactlyFromItsStatuses(Intent intent, OrderStatus from) {
        Order order = Order.restore(stored(from, 7));
        List<TimelineEntry> before = order.snapshot().timeline();

        if (intent.legalFrom().contains(from)) {
            intent.apply().accept(order);

            OrderSnapshot after = order.snapshot();
            assertThat(after.status()).isEqualTo(intent.target());
            assertThat(after.version()).isEqualTo(8);
            assertThat(after.updatedAt()).isEqualTo(T1);
            assertThat(after.timeline()).hasSize(before.size() + 1);
            assertThat(after.timeline().getLast().status()).isEqualTo(intent.target());
            assertThat(after.timeline().getLast().at()).isEqualTo(T1);
            assertThat(order.unsavedEntries()).containsExactly(after.timeline().getLast());
            List<OrderEvent> events = order.pullEvents();
            assertThat(events).singleElement().isInstanceOfSatisfying(OrderStatusChanged.class, changed -> {
                assertThat(changed.from()).isEqualTo(from);
                assertThat(changed.to()).isEqualTo(intent.target());
                assertThat(changed.order()).isEqualTo(after);
                assertThat(changed.entry()).isEqualTo(after.timeline().getLast());
            });
        } else {
            assertThatThrownBy(() -> intent.apply().accept(order))
                    .isInstanceOfSatisfying(IllegalOrderTransitionException.class, e -> {
                        // A DomainConflict: the exception handler answers it 409.
                        assertThat(e).isInstanceOf(dev.miyabi.platform.shared.DomainConflict.class);
                        assertThat(e.code()).isEqualTo("invalid_state");
                        assertThat(e.properties())
                                .containsEntry("currentStatus", from.value())
                                .containsEntry(
                                        "requestedStatus", intent.target().value());
                        assertThat(e.getMessage())
                                .contains(from.value())
                                .contains(intent.target().value());
                    });
            assertThat(order.snapshot()).isEqualTo(stored(from, 7));
            assertThat(order.unsavedEntries()).isEmpty();
            assertThat(order.pullEvents()).isEmpty();
        }
    }

    @Test
    void theMachineMatchesTheContract() {
        Map<OrderStatus, Set<OrderStatus>> reachable = new EnumMap<>(OrderStatus.class);
        for (Intent intent : INTENTS) {
            intent.legalFrom()
                    .forEach(from -> reachable
                            .computeIfAbsent(from, s -> EnumSet.noneOf(OrderStatus.class))
                            .add(intent.target()));
        }
        assertThat(reachable)
                .containsOnlyKeys(
                        OrderStatus.PENDING,
                        OrderStatus.AWAITING_APPROVAL,
                        OrderStatus.AWAITING_PAYMENT,
                        OrderStatus.PAID,
                        OrderStatus.FULFILLING);
        assertThat(reachable.get(OrderStatus.PENDING))
                .containsExactlyInAnyOrder(
                        OrderStatus.AWAITING_APPROVAL, OrderStatus.AWAITING_PAYMENT, OrderStatus.CANCELLED);
        assertThat(reachable.get(OrderStatus.FULFILLING))
                .containsExactlyInAnyOrder(OrderStatus.COMPLETED, OrderStatus.FAILED, OrderStatus.CANCELLED);
        for (OrderStatus terminal :
                EnumSet.of(OrderStatus.COMPLETED, OrderStatus.REJECTED, OrderStatus.CANCELLED, OrderStatus.FAILED)) {
            assertThat(terminal.isTerminal()).isTrue();
        }
    }

    @Test
    void placingTakesTheCatalogPriceAndStartsTheTimeline() {
        Product product = product("19.99", ProductStatus.ACTIVE);

        Order order = Order.place(ID, UUID.randomUUID(), product, 3, null, CUSTOMER, T0);

        OrderSnapshot placed = order.snapshot();
        assertThat(placed.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(placed.unitPrice()).isEqualTo(Money.of("19.99", "USD"));
        assertThat(placed.total()).isEqualTo(Money.of("59.97", "USD"));
        assertThat(placed.productName()).isEqualTo(product.name());
        assertThat(placed.timeline())
                .containsExactly(TimelineEntry.of(
                        OrderStatus.PENDING,
                        T0,
                        CUSTOMER,
                        TimelineNote.of(TimelineNote.Kind.ORDER_PLACED, "Order placed")));
        assertThat(order.pullEvents()).containsExactly(new OrderPlaced(placed));
    }

    @Test
    void placingRefusesWhatTheServiceMustHaveRefusedAlready() {
        assertThatThrownBy(() -> Order.place(ID, ID, product("10", ProductStatus.ARCHIVED), 1, null, CUSTOMER, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Order.place(ID, ID, product("10", ProductStatus.ACTIVE), 101, null, CUSTOMER, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> Order.place(ID, ID, product("99999999.99", ProductStatus.ACTIVE), 2, null, CUSTOMER, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachTransitionCountsAVersionAndItsEventCarriesIt() {
        Order order = Order.restore(stored(OrderStatus.PAID, 3));

        order.startFulfilment(null, AGENT, null, T1);
        order.complete(AGENT, TimelineNote.of(TimelineNote.Kind.AI_JOB_COMPLETED, "done"), T1);

        List<OrderEvent> events = order.pullEvents();
        assertThat(events).extracting(e -> e.order().version()).containsExactly(4L, 5L);
        assertThat(events)
                .extracting(e -> e.order().status())
                .containsExactly(OrderStatus.FULFILLING, OrderStatus.COMPLETED);
        assertThat(order.savedVersion()).isEqualTo(3);
        assertThat(order.snapshot().completedAt()).isEqualTo(T1);

        order.saved();
        assertThat(order.savedVersion()).isEqualTo(5);
        assertThat(order.unsavedEntries()).isEmpty();
    }

    @Test
    void aCustomerCannotCancelAfterPayment() {
        Order order = Order.restore(stored(OrderStatus.PAID, 1));

        assertThatThrownBy(() -> order.cancel(CUSTOMER, false, null, T1))
                .isInstanceOf(IllegalOrderTransitionException.class)
                .hasMessageContaining("only an admin");
    }

    @Test
    void eventsSurviveTheEventRegistrysJsonRoundTrip() {
        JsonMapper json = JsonMapper.builder().build();
        Order order = Order.restore(stored(OrderStatus.AWAITING_PAYMENT, 1));
        order.markPaid(ID, AGENT, TimelineNote.of(TimelineNote.Kind.PAID, "paid by card"), T1);
        OrderStatusChanged event = (OrderStatusChanged) order.pullEvents().getFirst();

        OrderStatusChanged read = json.readValue(json.writeValueAsString(event), OrderStatusChanged.class);

        assertThat(read).isEqualTo(event);
    }

    private static Product product(String price, ProductStatus status) {
        return new Product(
                UUID.randomUUID(),
                "Support",
                null,
                Money.of(price, "USD"),
                ProductCategory.TECHNICAL_SUPPORT,
                status,
                1,
                T0,
                T0);
    }

    private static OrderSnapshot stored(OrderStatus status, long version) {
        return new OrderSnapshot(
                ID,
                ID,
                ID,
                "Support",
                ProductCategory.TECHNICAL_SUPPORT,
                2,
                Money.of("10.00", "USD"),
                Money.of("20.00", "USD"),
                status,
                null,
                null,
                null,
                null,
                version,
                T0,
                T0,
                null,
                List.of(TimelineEntry.of(
                        OrderStatus.PENDING,
                        T0,
                        CUSTOMER,
                        TimelineNote.of(TimelineNote.Kind.ORDER_PLACED, "Order placed"))));
    }
}
