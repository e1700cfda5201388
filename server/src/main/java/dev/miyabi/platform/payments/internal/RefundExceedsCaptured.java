package dev.miyabi.platform.payments.internal;

import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.Money;
import dev.miyabi.platform.shared.NotProcessable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A refund asked for more than is left of the captured payment, or for nothing (422 {@code
 * refund_exceeds_captured}, naming {@code capturedAmount} and {@code refundableAmount}).
 */
class RefundExceedsCaptured extends NotProcessable {

    RefundExceedsCaptured(BigDecimal requested, BigDecimal refundable, Money captured) {
        super(
                ErrorCodes.REFUND_EXCEEDS_CAPTURED,
                "A refund of " + requested.toPlainString() + " " + captured.currency()
                        + " exceeds what can still be refunded: " + refundable.toPlainString() + " of "
                        + captured.amount().toPlainString() + " captured",
                List.of(),
                Map.of("capturedAmount", captured, "refundableAmount", new Money(refundable, captured.currency())));
    }
}
