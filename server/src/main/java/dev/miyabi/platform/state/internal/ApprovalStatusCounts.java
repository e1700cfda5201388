package dev.miyabi.platform.state.internal;

import dev.miyabi.platform.approvals.Approvals;
import dev.miyabi.platform.state.BusinessCounts;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Approval requests by status ({@code pending}, {@code approved}, {@code rejected}, {@code
 * changes_requested}, {@code expired}, {@code cancelled}), moved by the {@code approval.*} events (each
 * carries {@code previousStatus}).
 */
@Component
@Order(5)
class ApprovalStatusCounts implements BusinessCounts {

    private final Approvals approvals;

    ApprovalStatusCounts(Approvals approvals) {
        this.approvals = approvals;
    }

    @Override
    public String name() {
        return "approvals";
    }

    @Override
    public String resourceType() {
        return "approval";
    }

    @Override
    public Map<String, Long> countByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        approvals.countByStatus().forEach((status, count) -> counts.put(status.value(), count));
        return counts;
    }
}
