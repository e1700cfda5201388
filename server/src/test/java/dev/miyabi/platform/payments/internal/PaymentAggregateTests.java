package dev.miyabi.platform.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miyabi.platform.catalog.ProductCategory;
import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.orders.OrderSnapshot;
import dev.miyabi.platform.orders.OrderStatus;
import dev.miyabi.platform.payments.Payment;
import dev.miyabi.platform.payments.PaymentFailed;
import dev.miyabi.platform.payments.PaymentRefunded;
import dev.miyabi.platform.payments.PaymentStarted;
import dev.miyabi.platform.payments.PaymentStatus;
import dev.miyabi.platform.payments.PaymentSucceeded;
import dev.miyabi.platform.payments.Refund;
import dev.miyabi.platform.payments.RefundFailed;
import dev.miyabi.platform.payments.RefundRequested;
import dev.miyabi.platform.payments.RefundStatus;
import dev.miyabi.platform.shared.InvalidStateTransition;
import dev.miyabi.platform.shared.Money;
import dev.miyabi.platform.shared.NotPermitted;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The payment's rules and the events each change registers, without a database. */
class PaymentAggregateTests {

    private static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-26T08:00:00Z");
    private static final CurrentUser CUSTOMER =
            new CurrentUser(UUID.randomUUID(), "customer@example.com", Set.of(Role.CUSTOMER));

    @Test
    void onlyTheOwnerPaysAnOrderAwaitingPayment() {
        CurrentUser admin = new CurrentUser(UUID.randomUUID(), "admin@example.com", Set.of(Role.ADMIN));
        assertThatThrownBy(() -> start(order(OrderStatus.AWAITING_PAYMENT), admin))
                .isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> start(order(OrderStatus.AWAITING_APPROVAL), CUSTOMER))
                .isInstanceOfSatisfying(
                        InvalidStateTransition.class,
                        e -> assertThat(e.current()).isEqualTo("awaiting_approval"));

        PaymentAggregate payment = start(order(OrderStatus.AWAITING_PAYMENT), CUSTOMER);

        Payment started = payment.snapshot();
        assertThat(started.status()).isEqualTo(PaymentStatus.PROCESSING);
        assertThat(started.amount()).isEqualTo(money("30.00"));
        assertThat(started.refundedAmount()).isEqualTo(money("0"));
        assertThat(payment.pullEvents()).singleElement().isInstanceOf(PaymentStarted.class);
    }

    @Test
    void captureSettlesAProcessingPaymentOnce() {
        PaymentAggregate payment = started();

        payment.capture("pi_1", "card", T1);

        Payment paid = payment.snapshot();
        assertThat(paid.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(paid.providerRef()).isEqualTo("pi_1");
        assertThat(paid.paymentMethodType()).isEqualTo("card");
        assertThat(paid.settledAt()).isEqualTo(T1);
        assertThat(paid.version()).isEqualTo(1);
        assertThat(payment.pullEvents()).singleElement().isInstanceOf(PaymentSucceeded.class);
        assertThatThrownBy(() -> payment.decline("pi_1", "card_declined", "no", T1))
                .isInstanceOf(InvalidStateTransition.class);
        assertThat(payment.snapshot()).isEqualTo(paid);
    }

    @Test
    void declineRecordsTheGatewaysCodeAndMessage() {
        PaymentAggregate payment = started();

        payment.decline("pi_1", "insufficient_funds", "Your card has insufficient funds.", T1);

        Payment failed = payment.snapshot();
        assertThat(failed.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(failed.failureCode()).isEqualTo("insufficient_funds");
        assertThat(failed.failureMessage()).isEqualTo("Your card has insufficient funds.");
        assertThat(failed.settledAt()).isEqualTo(T1);
        assertThat(payment.pullEvents()).singleElement().isInstanceOf(PaymentFailed.class);
        assertThatThrownBy(() -> payment.refund(null, BigDecimal.ZERO, null, null, false, T1))
                .isInstanceOf(InvalidStateTransition.class);
    }

    @Test
    void aLongGatewayMessageIsKeptToItsFirstThousandCharacters() {
        PaymentAggregate payment = started();

        payment.decline("pi_1", "card_declined", "x".repeat(1500), T1);

        assertThat(payment.snapshot().failureMessage()).hasSize(1000);
        assertThat(((PaymentFailed) payment.pullEvents().getFirst()).payment().failureMessage())
                .hasSize(1000);
    }

    @Test
    void refundsNeverExceedWhatIsLeftOfTheCapture() {
        PaymentAggregate payment = captured();

        assertThatThrownBy(
                        () -> payment.refund(new BigDecimal("20.01"), new BigDecimal("10.00"), null, null, false, T1))
                .isInstanceOfSatisfying(RefundExceedsCaptured.class, e -> {
                    assertThat(e.code()).isEqualTo("refund_exceeds_captured");
                    assertThat(e.getMessage())
                            .isEqualTo("A refund of 20.01 USD exceeds what can still be refunded: 20.00 of 30.00"
                                    + " captured");
                    assertThat(e.properties())
                            .containsEntry("capturedAmount", money("30.00"))
                            .containsEntry("refundableAmount", money("20.00"));
                });
        assertThatThrownBy(() -> payment.refund(BigDecimal.ZERO, BigDecimal.ZERO, null, null, false, T1))
                .isInstanceOf(RefundExceedsCaptured.class);
        assertThatThrownBy(() -> payment.refund(null, new BigDecimal("30.00"), null, null, false, T1))
                .isInstanceOf(RefundExceedsCaptured.class);
        assertThat(payment.pullEvents()).isEmpty();

        Refund rest = payment.refund(null, new BigDecimal("10.00"), "rest", null, true, T1);

        assertThat(rest.amount()).isEqualTo(money("20.00"));
        assertThat(rest.status()).isEqualTo(RefundStatus.PENDING);
        assertThat(rest.automatic()).isTrue();
        assertThat(payment.snapshot().status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(payment.pullEvents()).singleElement().isInstanceOf(RefundRequested.class);
    }

    @Test
    void theRefusalNamesTheAmountsAsBeforeInACurrencyWithoutMinorUnits() {
        PaymentAggregate payment = start(order(OrderStatus.AWAITING_PAYMENT, Money.of("3000", "JPY")), CUSTOMER);
        payment.capture("pi_1", "card", T1);

        // What is committed comes from a DECIMAL(10,2) sum, so it carries two decimals.
        assertThatThrownBy(
                        () -> payment.refund(new BigDecimal("2001"), new BigDecimal("1000.00"), null, null, false, T1))
                .hasMessage("A refund of 2001 JPY exceeds what can still be refunded: 2000.00 of 3000 captured");
    }

    @Test
    void succeededRefundsMoveTheStatusAndAFailureAfterSuccessMovesItBack() {
        PaymentAggregate payment = captured();
        Refund part = payment.refund(new BigDecimal("10.00"), BigDecimal.ZERO, null, null, false, T1);
        payment.pullEvents();

        payment.recordRefunded(part, new BigDecimal("10.00"), T1);
        assertThat(payment.snapshot().status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(payment.snapshot().refundedAmount()).isEqualTo(money("10.00"));

        Refund external = payment.refundedAtProvider(new BigDecimal("20.00"), "re_9", new BigDecimal("10.00"), T1);
        assertThat(external.status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(payment.snapshot().status()).isEqualTo(PaymentStatus.REFUNDED);

        payment.recordRefundFailedAfterSuccess(external, new BigDecimal("10.00"), T1);
        payment.recordRefundFailedAfterSuccess(part, BigDecimal.ZERO, T1);
        assertThat(payment.snapshot().status()).isEqualTo(PaymentStatus.SUCCEEDED);

        List<?> events = payment.pullEvents();
        assertThat(events)
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("PaymentRefunded", "PaymentRefunded", "RefundFailed", "RefundFailed");
        assertThat(((PaymentRefunded) events.get(1)).previousStatus()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(((RefundFailed) events.get(2)).previousStatus()).isEqualTo(PaymentStatus.REFUNDED);
    }

    @Test
    void aFailedPaymentCapturedLateIsRefundedInFullAndStaysFailed() {
        PaymentAggregate payment = started();
        payment.decline(null, "card_declined", "declined", T1);
        payment.pullEvents();

        Refund refund = payment.refundCapturedAfterFailure("pi_late", "captured late", T1);

        assertThat(refund.amount()).isEqualTo(money("30.00"));
        assertThat(refund.automatic()).isTrue();
        assertThat(payment.snapshot().providerRef()).isEqualTo("pi_late");
        assertThat(payment.snapshot().status()).isEqualTo(PaymentStatus.FAILED);
        payment.recordRefunded(refund, new BigDecimal("30.00"), T1);
        assertThat(payment.snapshot().status()).isEqualTo(PaymentStatus.FAILED);
        assertThatThrownBy(() -> captured().refundCapturedAfterFailure("pi_2", "late", T1))
                .isInstanceOf(InvalidStateTransition.class);
    }

    private static PaymentAggregate started() {
        PaymentAggregate payment = start(order(OrderStatus.AWAITING_PAYMENT), CUSTOMER);
        payment.pullEvents();
        return payment;
    }

    private static PaymentAggregate captured() {
        PaymentAggregate payment = started();
        payment.capture("pi_1", "card", T1);
        payment.pullEvents();
        return payment;
    }

    private static PaymentAggregate start(OrderSnapshot order, CurrentUser payer) {
        return PaymentAggregate.start(UUID.randomUUID(), order, payer, "sandbox", "pm_card_visa", T0);
    }

    private static OrderSnapshot order(OrderStatus status) {
        return order(status, money("30.00"));
    }

    private static OrderSnapshot order(OrderStatus status, Money total) {
        return new OrderSnapshot(
                UUID.randomUUID(),
                CUSTOMER.id(),
                UUID.randomUUID(),
                "Consulting",
                ProductCategory.values()[0],
                3,
                total,
                total,
                status,
                null,
                null,
                null,
                null,
                0,
                T0,
                T0,
                null,
                List.of());
    }

    private static Money money(String amount) {
        return Money.of(amount, "USD");
    }
}
