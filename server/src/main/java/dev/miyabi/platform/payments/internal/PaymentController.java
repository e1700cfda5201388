package dev.miyabi.platform.payments.internal;

import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.payments.Payment;
import dev.miyabi.platform.payments.Refund;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.Money;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.shared.PageResponse;
import dev.miyabi.platform.shared.idempotency.Idempotent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Payments", description = "Pay orders, read payments, refund (admin)")
class PaymentController {

    static final String REFUND_FAILED = "refund_failed";

    private static final String PAYMENT_METHOD = "pm_[A-Za-z0-9_]{1,250}";
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,12})?");
    private static final Set<String> SORTABLE = Set.of("createdAt");
    private static final int MAX_REASON = 500;

    private final PaymentCheckout checkout;
    private final PaymentService payments;

    PaymentController(PaymentCheckout checkout, PaymentService payments) {
        this.checkout = checkout;
        this.payments = payments;
    }

    /** A tokenised payment method from the provider's client-side tokenisation, never card data. */
    record PayRequest(
            @NotNull(message = "is required (a token such as pm_card_visa)")
            @jakarta.validation.constraints.Pattern(
                    regexp = PAYMENT_METHOD,
                    message = "must be a payment method token such as pm_card_visa"
                            + " (pm_ and 1–250 letters, digits or _)")
            @Nullable
            String paymentMethod) {}

    /** {@code amount} is checked in code: its decimal places depend on the payment's currency. */
    record RefundBody(
            @Nullable String amount,

            @Size(max = MAX_REASON, message = "must be at most " + MAX_REASON + " characters") @Nullable
            String reason) {}

    @PostMapping("/api/orders/{id}/payments")
    @Idempotent(required = true)
    @Operation(
            summary = "Pay an order awaiting payment (its owner)",
            description = "Charges the order's total (from the database) to the payment method token, through the"
                    + " PaymentProcessorAgent (204). 201 succeeded (the order is paid); 402 payment_declined with"
                    + " paymentId and declineCode (the order stays payable); 202 while the gateway's answer is"
                    + " unknown (reconciliation settles it). Raw card numbers are refused with 400"
                    + " card_data_refused.")
    @Parameter(
            name = "Idempotency-Key",
            in = ParameterIn.HEADER,
            required = true,
            description = "A unique value per payment attempt; repeats replay the first answer")
    ResponseEntity<Payment> pay(@PathVariable UUID id, @Valid @RequestBody PayRequest body, CurrentUser user) {
        Payment payment = checkout.pay(id, user, Objects.requireNonNull(body.paymentMethod()));
        URI location = location(payment);
        return switch (payment.status()) {
            case FAILED -> throw declined(payment);
            case PROCESSING -> ResponseEntity.accepted().location(location).body(payment);
            default -> ResponseEntity.created(location).body(payment);
        };
    }

    @GetMapping("/api/payments/{id}")
    @Operation(summary = "One payment (its owner or an admin)")
    Payment get(@PathVariable UUID id, CurrentUser user) {
        return payments.get(id, user);
    }

    @GetMapping("/api/orders/{id}/payments")
    @Operation(summary = "An order's payments, newest first (its owner or an admin)")
    PageResponse<Payment> ofOrder(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(required = false) @Nullable Integer size,
            @RequestParam(required = false) @Nullable String sort,
            CurrentUser user) {
        return payments.ofOrder(id, user, PageQuery.of(page, size, sort, SORTABLE, "createdAt,desc"));
    }

    @PostMapping("/api/payments/{id}/refunds")
    @PreAuthorize("hasRole('admin')")
    @Idempotent(required = true)
    @Operation(
            summary = "Refund a payment, in full or in part (admin)",
            description = "{amount?, reason}: amount a decimal string in the payment's currency (absent = all that is"
                    + " left). 201 refunded, 202 while the gateway's answer is unknown, 422 refund_exceeds_captured"
                    + " beyond what is left, 422 refund_failed when the provider refuses it.")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = true)
    ResponseEntity<Refund> refund(
            @PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable RefundBody body, CurrentUser admin) {
        BigDecimal amount = null;
        String reason = null;
        if (body != null) {
            if (body.amount() != null) {
                if (!DECIMAL.matcher(body.amount()).matches()) {
                    throw ApiException.validation("amount", "must be a decimal string like \"10.00\"");
                }
                amount = new BigDecimal(body.amount());
                if (amount.signum() <= 0) {
                    throw ApiException.validation("amount", "must be greater than 0");
                }
                String currency = payments.get(id, admin).amount().currency();
                int digits = Currency.getInstance(currency).getDefaultFractionDigits();
                if (amount.stripTrailingZeros().scale() > digits || amount.compareTo(Money.MAX_AMOUNT) > 0) {
                    throw ApiException.validation(
                            "amount",
                            "must have at most " + digits + " decimal places in " + currency + " and be at most "
                                    + Money.MAX_AMOUNT.toPlainString());
                }
            }
            if (body.reason() != null && !body.reason().isBlank()) {
                reason = body.reason().strip();
            }
        }
        Refund refund = checkout.refund(id, amount, reason, admin);
        return switch (refund.status()) {
            case SUCCEEDED -> ResponseEntity.status(HttpStatus.CREATED).body(refund);
            case PENDING -> ResponseEntity.accepted().body(refund);
            case FAILED -> throw refundFailed(refund);
        };
    }

    @GetMapping("/api/payments/{id}/refunds")
    @Operation(summary = "A payment's refunds, oldest first (its owner or an admin)")
    PageResponse<Refund> refunds(@PathVariable UUID id, CurrentUser user) {
        List<Refund> items = payments.refundsOf(id, user);
        return new PageResponse<>(items, 0, Math.max(items.size(), 1), items.size());
    }

    static URI location(Payment payment) {
        return URI.create("/api/payments/" + payment.id());
    }

    static ApiException refundFailed(Refund refund) {
        return new ApiException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                REFUND_FAILED,
                "The payment provider refused the refund: " + refund.failureMessage(),
                List.of(),
                Map.of("refundId", refund.id(), "failureCode", String.valueOf(refund.failureCode())),
                null);
    }

    static ApiException declined(Payment payment) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("paymentId", payment.id());
        properties.put("declineCode", payment.failureCode());
        properties.put("declineMessage", payment.failureMessage());
        return new ApiException(
                HttpStatus.PAYMENT_REQUIRED,
                ErrorCodes.PAYMENT_DECLINED,
                "The payment was declined: " + payment.failureMessage(),
                List.of(),
                properties,
                null);
    }
}
