package dev.miyabi.platform.state.internal;

import dev.miyabi.platform.payments.Payments;
import dev.miyabi.platform.state.PaymentStatistics;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The payments module's outcomes per hour for the metrics summary: captured (refunded since or not) and
 * failed payments, by the hour they settled ({@code idx_payments_settled}).
 */
@Component
class PaymentOutcomeStatistics implements PaymentStatistics {

    private final Payments payments;

    PaymentOutcomeStatistics(Payments payments) {
        this.payments = payments;
    }

    @Override
    public List<PaymentHourlyCounts> hourlyCounts(Instant from, Instant to) {
        return payments.hourlyOutcomes(from, to).stream()
                .map(hour -> new PaymentHourlyCounts(hour.hour(), hour.succeeded(), hour.failed()))
                .toList();
    }
}
