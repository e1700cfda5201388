package dev.miyabi.platform.orders.internal;

import dev.miyabi.platform.catalog.Product;
import dev.miyabi.platform.catalog.ProductCategory;
import dev.miyabi.platform.orders.IllegalOrderTransitionException;
import dev.miyabi.platform.orders.OrderChangesRequested;
import dev.miyabi.platform.orders.OrderEvent;
import dev.miyabi.platform.orders.OrderInputRevised;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The order aggregate and its state machine. Every change is a method named for its intent; it
 * checks that the current status allows it (else {@link IllegalOrderTransitionException}, and
 * nothing changes), then moves the status, appends a timeline entry (who, when, why) and registers
 * an {@link OrderStatusChanged} event that the application service publishes after saving.
 */
class Order {

    private static final Set<OrderStatus> BEFORE_PAYMENT =
            EnumSet.of(OrderStatus.PENDING, OrderStatus.AWAITING_APPROVAL, OrderStatus.AWAITING_PAYMENT);
    private static final Set<OrderStatus> AFTER_PAYMENT = EnumSet.of(OrderStatus.PAID, OrderStatus.FULFILLING);

    private final UUID id;
    private final UUID userId;
    private final UUID productId;
    private final String productName;
    private final ProductCategory category;
    private final int quantity;
    private final Money unitPrice;
    private final Money total;
    private @Nullable JsonNode input;
    private final Instant createdAt;
    private OrderStatus status;
    private @Nullable UUID approvalId;
    private @Nullable UUID paymentId;
    private @Nullable UUID aiJobId;
    private long version;
    private long savedVersion;
    private Instant updatedAt;
    private @Nullable Instant completedAt;
    private final List<TimelineEntry> timeline;
    private int savedEntries;
    private final List<OrderEvent> events = new ArrayList<>();

    private Order(
            UUID id,
            UUID userId,
            UUID productId,
            String productName,
            ProductCategory category,
            int quantity,
            Money unitPrice,
            Money total,
            @Nullable JsonNode input,
            OrderStatus status,
            @Nullable UUID approvalId,
            @Nullable UUID paymentId,
            @Nullable UUID aiJobId,
            long version,
            Instant createdAt,
            Instant updatedAt,
            @Nullable Instant completedAt,
            List<TimelineEntry> timeline) {
        this.id = id;
        this.userId = userId;
        this.productId = productId;
        this.productName = productName;
        this.category = category;
        this.quantity = quantity;
        this.unitPrice = unitPrice;
        this.total = total;
        this.input = input;
        this.status = status;
        this.approvalId = approvalId;
        this.paymentId = paymentId;
        this.aiJobId = aiJobId;
        this.version = version;
        this.savedVersion = version;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.completedAt = completedAt;
        this.timeline = new ArrayList<>(timeline);
        this.savedEntries = timeline.size();
    }

    /**
     * A new {@code pending} order for an orderable product, at the product's current price. The
     * caller has checked the quantity range, the input and that the total fits storage.
     */
    static Order place(
            UUID id, UUID userId, Product product, int quantity, @Nullable JsonNode input, Actor by, Instant now) {
        if (!product.isOrderable()) {
            throw new IllegalArgumentException(
                    "Product " + product.id() + " is " + product.status().value());
        }
        if (quantity < 1 || quantity > 100) {
            throw new IllegalArgumentException("Quantity " + quantity + " is outside 1–100");
        }
        Money total = product.price().times(quantity);
        if (!total.fitsStorage()) {
            throw new IllegalArgumentException("Total " + total + " does not fit storage");
        }
        Order order = new Order(
                id,
                userId,
                product.id(),
                product.name(),
                product.category(),
                quantity,
                product.price(),
                total,
                input,
                OrderStatus.PENDING,
                null,
                null,
                null,
                0,
                now,
                now,
                null,
                List.of());
        order.savedEntries = 0;
        order.timeline.add(TimelineEntry.of(
                OrderStatus.PENDING, now, by, TimelineNote.of(TimelineNote.Kind.ORDER_PLACED, "Order placed")));
        order.events.add(new OrderPlaced(order.snapshot()));
        return order;
    }

    /** An order as stored. */
    static Order restore(OrderSnapshot stored) {
        return new Order(
                stored.id(),
                stored.userId(),
                stored.productId(),
                stored.productName(),
                stored.category(),
                stored.quantity(),
                stored.unitPrice(),
                stored.total(),
                stored.input(),
                stored.status(),
                stored.approvalId(),
                stored.paymentId(),
                stored.aiJobId(),
                stored.version(),
                stored.createdAt(),
                stored.updatedAt(),
                stored.completedAt(),
                stored.timeline());
    }

    /**
     * The owner revised the input while the order awaits approval (the caller checked the input and that
     * the approval request takes it). The status stays; the timeline records the revision.
     */
    void reviseInput(@Nullable JsonNode revised, Actor by, @Nullable TimelineNote note, Instant now) {
        if (status != OrderStatus.AWAITING_APPROVAL) {
            throw new IllegalOrderTransitionException(
                    status,
                    OrderStatus.AWAITING_APPROVAL,
                    "only an order awaiting approval can have its input revised");
        }
        this.input = revised;
        updatedAt = now;
        version++;
        timeline.add(TimelineEntry.of(status, now, by, note));
        events.add(new OrderInputRevised(snapshot(), timeline.getLast()));
    }

    /**
     * An approver asked for changes: the status stays {@code awaiting_approval} until the owner revises the
     * input; the timeline records the request.
     */
    void recordChangesRequested(Actor by, @Nullable TimelineNote note, Instant now) {
        if (status != OrderStatus.AWAITING_APPROVAL) {
            throw new IllegalOrderTransitionException(
                    status, OrderStatus.AWAITING_APPROVAL, "only an order awaiting approval can be asked for changes");
        }
        updatedAt = now;
        version++;
        timeline.add(TimelineEntry.of(status, now, by, note));
        events.add(new OrderChangesRequested(snapshot(), timeline.getLast()));
    }

    /** A note on the timeline; the status stays. */
    void addNote(Actor by, TimelineNote note, Instant now) {
        updatedAt = now;
        version++;
        timeline.add(TimelineEntry.of(status, now, by, note));
    }

    /** {@code pending → awaiting_approval}: an approval policy applies; the request is recorded. */
    void requireApproval(UUID approvalRequestId, Actor by, @Nullable TimelineNote note, Instant now) {
        OrderStatus from = move(EnumSet.of(OrderStatus.PENDING), OrderStatus.AWAITING_APPROVAL, by, note, now);
        this.approvalId = approvalRequestId;
        registerChange(from);
    }

    /** {@code pending → awaiting_payment}: no approval is needed. */
    void awaitPayment(Actor by, @Nullable TimelineNote note, Instant now) {
        OrderStatus from = move(EnumSet.of(OrderStatus.PENDING), OrderStatus.AWAITING_PAYMENT, by, note, now);
        registerChange(from);
    }

    /** {@code awaiting_approval → awaiting_payment}. */
    void approve(Actor by, @Nullable TimelineNote note, Instant now) {
        OrderStatus from = move(EnumSet.of(OrderStatus.AWAITING_APPROVAL), OrderStatus.AWAITING_PAYMENT, by, note, now);
        registerChange(from);
    }

    /** {@code awaiting_approval → rejected}. */
    void reject(Actor by, @Nullable TimelineNote note, Instant now) {
        OrderStatus from = move(EnumSet.of(OrderStatus.AWAITING_APPROVAL), OrderStatus.REJECTED, by, note, now);
        registerChange(from);
    }

    /** {@code awaiting_payment → paid}, recording the payment. */
    void markPaid(UUID payment, Actor by, @Nullable TimelineNote note, Instant now) {
        OrderStatus from = move(EnumSet.of(OrderStatus.AWAITING_PAYMENT), OrderStatus.PAID, by, note, now);
        this.paymentId = payment;
        registerChange(from);
    }

    /** {@code paid → fulfilling}, recording the AI job when one does the work. */
    void startFulfilment(@Nullable UUID job, Actor by, @Nullable TimelineNote note, Instant now) {
        OrderStatus from = move(EnumSet.of(OrderStatus.PAID), OrderStatus.FULFILLING, by, note, now);
        this.aiJobId = job;
        registerChange(from);
    }

    /** {@code fulfilling → completed}. */
    void complete(Actor by, @Nullable TimelineNote note, Instant now) {
        OrderStatus from = move(EnumSet.of(OrderStatus.FULFILLING), OrderStatus.COMPLETED, by, note, now);
        this.completedAt = now;
        registerChange(from);
    }

    /** {@code paid | fulfilling → failed}: fulfilment failed for good. */
    void fail(Actor by, @Nullable TimelineNote note, Instant now) {
        OrderStatus from = move(AFTER_PAYMENT, OrderStatus.FAILED, by, note, now);
        registerChange(from);
    }

    /**
     * {@code → cancelled}. Before payment anyone allowed to act on the order may cancel; after it
     * ({@code paid}, {@code fulfilling}) only when {@code afterPaymentAllowed} (an admin or the
     * platform — the payment is refunded on the event).
     */
    void cancel(Actor by, boolean afterPaymentAllowed, @Nullable TimelineNote note, Instant now) {
        if (!afterPaymentAllowed && AFTER_PAYMENT.contains(status)) {
            throw new IllegalOrderTransitionException(
                    status, OrderStatus.CANCELLED, "after payment only an admin can cancel (and refund) it");
        }
        Set<OrderStatus> allowed = EnumSet.copyOf(BEFORE_PAYMENT);
        if (afterPaymentAllowed) {
            allowed.addAll(AFTER_PAYMENT);
        }
        OrderStatus from = move(allowed, OrderStatus.CANCELLED, by, note, now);
        registerChange(from);
    }

    private OrderStatus move(
            Set<OrderStatus> from, OrderStatus to, Actor by, @Nullable TimelineNote note, Instant now) {
        if (!from.contains(status)) {
            throw new IllegalOrderTransitionException(
                    status,
                    to,
                    status.isTerminal()
                            ? "it is final"
                            : "only an order that is "
                                    + String.join(
                                            " or ",
                                            from.stream()
                                                    .map(OrderStatus::value)
                                                    .toList())
                                    + " can");
        }
        OrderStatus previous = status;
        status = to;
        updatedAt = now;
        version++;
        timeline.add(TimelineEntry.of(to, now, by, note));
        return previous;
    }

    /** Called after the fields of a transition are set, so the event carries them. */
    private void registerChange(OrderStatus from) {
        events.add(new OrderStatusChanged(snapshot(), from, status, timeline.getLast()));
    }

    OrderSnapshot snapshot() {
        return new OrderSnapshot(
                id,
                userId,
                productId,
                productName,
                category,
                quantity,
                unitPrice,
                total,
                status,
                input,
                approvalId,
                paymentId,
                aiJobId,
                version,
                createdAt,
                updatedAt,
                completedAt,
                timeline);
    }

    /** Timeline entries appended since the order was loaded or last saved. */
    List<TimelineEntry> unsavedEntries() {
        return List.copyOf(timeline.subList(savedEntries, timeline.size()));
    }

    /** Records that the repository stored the order as it is now, with all its entries. */
    void saved() {
        this.savedVersion = version;
        this.savedEntries = timeline.size();
    }

    /** The events registered since the last call, in order. */
    List<OrderEvent> pullEvents() {
        List<OrderEvent> pulled = List.copyOf(events);
        events.clear();
        return pulled;
    }

    UUID id() {
        return id;
    }

    UUID userId() {
        return userId;
    }

    OrderStatus status() {
        return status;
    }

    ProductCategory category() {
        return category;
    }

    /** The version in the database; each transition counts one more, so every event has its own version. */
    long savedVersion() {
        return savedVersion;
    }

    long version() {
        return version;
    }
}
