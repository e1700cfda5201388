package dev.miyabi.platform.state.internal;

import dev.miyabi.platform.payments.Payments;
import dev.miyabi.platform.state.BusinessCounts;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Payments by status ({@code processing}, {@code succeeded}, {@code failed}, {@code partially_refunded},
 * {@code refunded}), moved by the {@code payment.*} events (each carries {@code previousStatus}).
 */
@Component
@Order(4)
class PaymentStatusCounts implements BusinessCounts {

    private final Payments payments;

    PaymentStatusCounts(Payments payments) {
        this.payments = payments;
    }

    @Override
    public String name() {
        return "payments";
    }

    @Override
    public String resourceType() {
        return "payment";
    }

    @Override
    public Map<String, Long> countByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        payments.countByStatus().forEach((status, count) -> counts.put(status.value(), count));
        return counts;
    }
}
