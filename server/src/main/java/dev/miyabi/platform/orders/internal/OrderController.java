package dev.miyabi.platform.orders.internal;

import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.orders.OrderSnapshot;
import dev.miyabi.platform.orders.OrderStatus;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.shared.PageResponse;
import dev.miyabi.platform.shared.idempotency.Idempotent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping(OrderController.PATH)
@Tag(name = "Orders", description = "Place, list, read, cancel and (admin) complete orders")
class OrderController {

    static final String PATH = "/api/orders";

    private static final Set<String> SORTABLE = Set.of("createdAt");
    private static final int MAX_NOTE = 1000;

    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    /**
     * What a customer orders. Prices, totals, statuses and owners sent by the client are not fields
     * of this request and are ignored: the price is the catalog's at order time.
     */
    record PlaceOrderRequest(
            @NotNull(message = "is required") @Nullable UUID productId,

            @Min(value = 1, message = "must be between 1 and 100")
            @Max(value = 100, message = "must be between 1 and 100")
            @Nullable
            Integer quantity,

            @Nullable JsonNode input) {}

    record NoteRequest(
            @Size(max = MAX_NOTE, message = "must be at most " + MAX_NOTE + " characters") @Nullable
            String reason,

            @Size(max = MAX_NOTE, message = "must be at most " + MAX_NOTE + " characters") @Nullable
            String note) {}

    /** A revised input; {@code input} must be present (it may be null for products that take no input). */
    record ReviseRequest(@Nullable JsonNode input) {}

    @PostMapping
    @Idempotent
    @Operation(
            summary = "Place an order at the catalog's current price",
            description = "quantity 1–100 (default 1). input: the generation request for AI products (validated"
                    + " against its JSON Schema, 422 invalid_input), optional notes (≤ 10 KB) otherwise."
                    + " Honours Idempotency-Key.")
    @Parameter(
            name = "Idempotency-Key",
            in = ParameterIn.HEADER,
            description = "Optional; repeats of the same request with the same key return the first response")
    ResponseEntity<OrderSnapshot> place(@Valid @RequestBody PlaceOrderRequest body, CurrentUser customer) {
        int quantity = body.quantity() == null ? 1 : body.quantity();
        OrderSnapshot order = orders.place(customer, Objects.requireNonNull(body.productId()), quantity, body.input());
        return ResponseEntity.created(URI.create(PATH + "/" + order.id())).body(order);
    }

    @GetMapping
    @Operation(
            summary = "Orders, newest first: your own; admins see all and may filter by userId",
            description = "Filters: status (any user), userId (admins). Sort: createdAt (desc by default).")
    PageResponse<OrderSnapshot> list(
            @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(required = false) @Nullable Integer size,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable OrderStatus status,
            @RequestParam(required = false) @Nullable UUID userId,
            CurrentUser user) {
        PageQuery query = PageQuery.of(page, size, sort, SORTABLE, "createdAt,desc");
        UUID owner;
        if (user.isAdmin()) {
            owner = userId;
        } else if (userId == null || userId.equals(user.id())) {
            owner = user.id();
        } else {
            throw new ApiException(
                    HttpStatus.FORBIDDEN, ErrorCodes.FORBIDDEN, "Only admins may list other users' orders");
        }
        return orders.list(new OrderFilter(owner, status), query);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One order with its timeline (yours, or any for admins)")
    OrderSnapshot get(@PathVariable UUID id, CurrentUser user) {
        return orders.get(id, user);
    }

    @PatchMapping("/{id}")
    @Operation(
            summary = "Revise the input of your order after an approver asked for changes",
            description = "{input}, checked like at placement (422 invalid_input). Only the owner, only while the"
                    + " order's approval request stands at changes_requested (409 invalid_state otherwise); the"
                    + " request reopens at its first stage.")
    OrderSnapshot revise(@PathVariable UUID id, @RequestBody ReviseRequest body, CurrentUser user) {
        return orders.reviseInput(id, user, body.input());
    }

    @PostMapping("/{id}/cancel")
    @Operation(
            summary = "Cancel an order",
            description = "Before payment by its owner or an admin; after payment (paid, fulfilling) by an admin"
                    + " only, and the payment is refunded. Optional body {reason}.")
    OrderSnapshot cancel(
            @PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable NoteRequest body, CurrentUser user) {
        return orders.cancelAsUser(id, user, note(body == null ? null : body.reason()));
    }

    @PostMapping("/{id}/complete")
    @PreAuthorize("hasRole('admin')")
    @Operation(
            summary = "Complete a consulting or support order (admin)",
            description = "For service categories fulfilled by people; from paid or fulfilling. Optional body {note}.")
    OrderSnapshot complete(
            @PathVariable UUID id,
            @Valid @RequestBody(required = false) @Nullable NoteRequest body,
            CurrentUser admin) {
        return orders.completeAsStaff(id, admin, note(body == null ? null : body.note()));
    }

    private static @Nullable String note(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
