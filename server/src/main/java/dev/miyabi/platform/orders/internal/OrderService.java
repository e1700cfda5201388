package dev.miyabi.platform.orders.internal;

import dev.miyabi.platform.catalog.Catalog;
import dev.miyabi.platform.catalog.Product;
import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.identity.UserDirectory;
import dev.miyabi.platform.identity.UserSummary;
import dev.miyabi.platform.orders.ApprovalGate;
import dev.miyabi.platform.orders.ApprovalRequired;
import dev.miyabi.platform.orders.IllegalOrderTransitionException;
import dev.miyabi.platform.orders.OrderHourlyCounts;
import dev.miyabi.platform.orders.OrderSnapshot;
import dev.miyabi.platform.orders.OrderStatus;
import dev.miyabi.platform.orders.Orders;
import dev.miyabi.platform.orders.TimelineNote;
import dev.miyabi.platform.shared.Actor;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.InvalidStateTransition;
import dev.miyabi.platform.shared.Money;
import dev.miyabi.platform.shared.NotPermitted;
import dev.miyabi.platform.shared.NotProcessable;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.shared.PageResponse;
import dev.miyabi.platform.shared.idempotency.IdempotentResources;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Order use cases: placement and the customer/admin actions of the HTTP API, and the {@link Orders}
 * facade through which other modules move orders along. Every change loads the order under a row
 * lock, lets the aggregate decide, saves it and publishes its events in the same transaction.
 */
@Service
class OrderService implements Orders {

    static final String TOTAL_TOO_LARGE = "total_too_large";

    private final OrderRepository orders;
    private final Catalog catalog;
    private final OrderInputs inputs;
    private final UserDirectory users;
    private final ObjectProvider<ApprovalGate> approvalGates;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OrderService(
            OrderRepository orders,
            Catalog catalog,
            OrderInputs inputs,
            UserDirectory users,
            ObjectProvider<ApprovalGate> approvalGates,
            ApplicationEventPublisher events,
            Clock clock) {
        this.orders = orders;
        this.catalog = catalog;
        this.inputs = inputs;
        this.users = users;
        this.approvalGates = approvalGates;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Places an order at the catalog's current price (whatever the client thinks the price is), then
     * lets an {@link ApprovalGate} decide whether it needs approval; without one it awaits payment.
     */
    @Transactional
    public OrderSnapshot place(CurrentUser customer, UUID productId, int quantity, @Nullable JsonNode input) {
        Product product = catalog.find(productId)
                .filter(Product::isOrderable)
                .orElseThrow(() -> new NotProcessable(
                        ErrorCodes.PRODUCT_UNAVAILABLE,
                        "The product does not exist or cannot be ordered (it is a draft or archived)"));
        JsonNode checkedInput = inputs.check(product.category(), input);
        Money total = product.price().times(quantity);
        if (!total.fitsStorage()) {
            throw new NotProcessable(
                    TOTAL_TOO_LARGE,
                    "The total " + total.amount().toPlainString() + " " + total.currency() + " is above the limit of "
                            + Money.MAX_AMOUNT.toPlainString() + " per order; order a smaller quantity");
        }
        Order order = Order.place(
                UUID.randomUUID(), customer.id(), product, quantity, checkedInput, userActor(customer.id()), now());
        orders.insert(order);
        IdempotentResources.created(OrderReplay.TYPE, order.id());
        publish(order);

        Optional<ApprovalRequired> approval = approvalGates
                .orderedStream()
                .map(gate -> gate.open(order.snapshot()))
                .flatMap(Optional::stream)
                .findFirst();
        if (approval.isPresent()) {
            order.requireApproval(
                    approval.get().approvalId(),
                    approval.get().actor(),
                    approval.get().note(),
                    now());
        } else {
            order.awaitPayment(
                    Actor.system(), TimelineNote.of(TimelineNote.Kind.NO_APPROVAL_NEEDED, "No approval needed"), now());
        }
        orders.save(order);
        publish(order);
        return order.snapshot();
    }

    /** The order when the user owns it or is an admin; 404 otherwise (its existence is not revealed). */
    @Transactional(readOnly = true)
    public OrderSnapshot get(UUID orderId, CurrentUser user) {
        return orders.find(orderId)
                .filter(order -> visible(order.userId(), user))
                .orElseThrow(() -> ApiException.notFound("Order"));
    }

    /** A page of orders; a page that is not full tells the total by itself, without counting. */
    @Transactional(readOnly = true)
    public PageResponse<OrderSnapshot> list(OrderFilter filter, PageQuery page) {
        List<OrderSnapshot> items = orders.page(filter, page);
        long total = items.size() < page.size() && (!items.isEmpty() || page.offset() == 0)
                ? page.offset() + items.size()
                : orders.count(filter);
        return PageResponse.of(items, page, total);
    }

    /**
     * A customer cancels their own order before payment; an admin cancels any order before it is
     * completed (after payment the payments module refunds on the event).
     */
    @Transactional
    public OrderSnapshot cancelAsUser(UUID orderId, CurrentUser user, @Nullable String reason) {
        Order order = orders.lock(orderId)
                .filter(o -> visible(o.userId(), user))
                .orElseThrow(() -> ApiException.notFound("Order"));
        TimelineNote note = TimelineNote.of(
                        TimelineNote.Kind.CANCELLED,
                        reason != null
                                ? reason
                                : user.id().equals(order.userId())
                                        ? "Cancelled by the customer"
                                        : "Cancelled by an admin")
                .with("reason", reason);
        order.cancel(userActor(user.id()), user.isAdmin(), note, now());
        return store(order);
    }

    /**
     * An admin marks an order for a service fulfilled by people (consulting, support) as done; a
     * paid order passes through {@code fulfilling} on the way, so its timeline shows both steps.
     */
    @Transactional
    public OrderSnapshot completeAsStaff(UUID orderId, CurrentUser admin, @Nullable String note) {
        Order order = orders.lock(orderId).orElseThrow(() -> ApiException.notFound("Order"));
        if (!order.category().isFulfilledByStaff()) {
            throw new IllegalOrderTransitionException(
                    order.status(),
                    OrderStatus.COMPLETED,
                    "an order for " + order.category().value() + " is completed by its fulfilment, not by an admin");
        }
        Actor actor = userActor(admin.id());
        if (order.status() == OrderStatus.PAID) {
            order.startFulfilment(
                    null, actor, TimelineNote.of(TimelineNote.Kind.TAKEN_ON_BY_STAFF, "Taken on by staff"), now());
        }
        order.complete(
                actor,
                TimelineNote.of(TimelineNote.Kind.COMPLETED_BY_STAFF, note == null ? "Completed by staff" : note)
                        .with("note", note),
                now());
        return store(order);
    }

    /**
     * The owner revises the input of an order awaiting approval after an approver asked for changes. The
     * input is checked like at placement (422 {@code invalid_input}); the approval request is reopened at
     * its first stage by its gate (first, so that locks are always taken request before order), then the
     * order records the revision. Anyone but the owner: 404 (others' orders) or 403 (admins).
     */
    @Transactional
    public OrderSnapshot reviseInput(UUID orderId, CurrentUser user, @Nullable JsonNode input) {
        OrderSnapshot current = orders.find(orderId)
                .filter(o -> visible(o.userId(), user))
                .orElseThrow(() -> ApiException.notFound("Order"));
        if (!current.userId().equals(user.id())) {
            throw new NotPermitted("Only the customer who placed the order can revise it");
        }
        if (current.status() != OrderStatus.AWAITING_APPROVAL) {
            throw new IllegalOrderTransitionException(
                    current.status(),
                    OrderStatus.AWAITING_APPROVAL,
                    "only an order awaiting approval, whose approver asked for changes, can be revised");
        }
        JsonNode checked = inputs.check(current.category(), input);
        Actor actor = userActor(user.id());
        boolean reopened = approvalGates.orderedStream().anyMatch(gate -> gate.reopen(current, checked, actor));
        if (!reopened) {
            throw new InvalidStateTransition(
                    current.status().value(), "The order has no approval request waiting for changes");
        }
        Order order = orders.lock(orderId).orElseThrow(() -> ApiException.notFound("Order"));
        order.reviseInput(
                checked,
                actor,
                TimelineNote.of(TimelineNote.Kind.INPUT_REVISED, "Input revised; approval reopened"),
                now());
        return store(order);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<OrderSnapshot> find(UUID orderId) {
        return orders.find(orderId);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<OrderSnapshot> findByApproval(UUID approvalId) {
        return orders.findByApproval(approvalId);
    }

    @Override
    @Transactional
    public Optional<OrderSnapshot> lockByApproval(UUID approvalId) {
        return orders.lockByApproval(approvalId).map(Order::snapshot);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean isVisibleTo(UUID orderId, CurrentUser user) {
        return orders.find(orderId).filter(o -> visible(o.userId(), user)).isPresent();
    }

    @Override
    @Transactional(readOnly = true)
    public Map<OrderStatus, Long> countByStatus() {
        return orders.countByStatus();
    }

    @Override
    @Transactional(readOnly = true)
    public List<OrderSnapshot> recent(int limit) {
        return orders.page(
                new OrderFilter(null, null),
                new PageQuery(0, Math.clamp(limit, 1, PageQuery.MAX_SIZE), "createdAt", false));
    }

    @Override
    @Transactional(readOnly = true)
    public List<OrderHourlyCounts> hourlyCounts(Instant from, Instant to) {
        return orders.hourlyCounts(from, to);
    }

    @Override
    @Transactional
    public OrderSnapshot approve(UUID approvalId, Actor actor, @Nullable TimelineNote note) {
        Order order = orders.lockByApproval(approvalId).orElseThrow(() -> ApiException.notFound("Order"));
        order.approve(actor, note, now());
        return store(order);
    }

    @Override
    @Transactional
    public OrderSnapshot reject(UUID approvalId, Actor actor, @Nullable TimelineNote note) {
        Order order = orders.lockByApproval(approvalId).orElseThrow(() -> ApiException.notFound("Order"));
        order.reject(actor, note, now());
        return store(order);
    }

    @Override
    @Transactional
    public OrderSnapshot changesRequested(UUID approvalId, Actor actor, @Nullable TimelineNote note) {
        Order order = orders.lockByApproval(approvalId).orElseThrow(() -> ApiException.notFound("Order"));
        order.recordChangesRequested(actor, note, now());
        return store(order);
    }

    @Override
    @Transactional
    public OrderSnapshot addNote(UUID orderId, Actor actor, TimelineNote note) {
        return change(orderId, order -> order.addNote(actor, note, now()));
    }

    @Override
    @Transactional
    public OrderSnapshot markPaid(UUID orderId, UUID paymentId, Actor actor, @Nullable TimelineNote note) {
        return change(orderId, order -> order.markPaid(paymentId, actor, note, now()));
    }

    @Override
    @Transactional
    public OrderSnapshot startFulfilment(
            UUID orderId, @Nullable UUID aiJobId, Actor actor, @Nullable TimelineNote note) {
        return change(orderId, order -> order.startFulfilment(aiJobId, actor, note, now()));
    }

    @Override
    @Transactional
    public OrderSnapshot complete(UUID orderId, Actor actor, @Nullable TimelineNote note) {
        return change(orderId, order -> order.complete(actor, note, now()));
    }

    @Override
    @Transactional
    public OrderSnapshot fail(UUID orderId, Actor actor, @Nullable TimelineNote note) {
        return change(orderId, order -> order.fail(actor, note, now()));
    }

    @Override
    @Transactional
    public OrderSnapshot cancel(UUID orderId, Actor actor, @Nullable TimelineNote note) {
        return change(orderId, order -> order.cancel(actor, true, note, now()));
    }

    private OrderSnapshot change(UUID orderId, Consumer<Order> transition) {
        Order order = orders.lock(orderId).orElseThrow(() -> ApiException.notFound("Order"));
        transition.accept(order);
        return store(order);
    }

    private OrderSnapshot store(Order order) {
        orders.save(order);
        publish(order);
        return order.snapshot();
    }

    private void publish(Order order) {
        order.pullEvents().forEach(events::publishEvent);
    }

    private Actor userActor(UUID userId) {
        return Actor.user(
                userId, users.find(userId).map(UserSummary::displayName).orElse("Unknown user"));
    }

    private static boolean visible(UUID owner, CurrentUser user) {
        return user.isAdmin() || owner.equals(user.id());
    }

    /** Timestamps as PostgreSQL stores them (microseconds), so a response and a later read agree. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
