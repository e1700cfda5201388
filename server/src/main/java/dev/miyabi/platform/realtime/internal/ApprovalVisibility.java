package dev.miyabi.platform.realtime.internal;

import dev.miyabi.platform.approvals.Approvals;
import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.realtime.ResourceVisibility;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code approval:<id>} topics: whoever {@code GET /api/approvals/{id}} shows the request to (requester,
 * named or asked approvers, deciders, admins).
 */
@Component
class ApprovalVisibility implements ResourceVisibility {

    private final Approvals approvals;

    ApprovalVisibility(Approvals approvals) {
        this.approvals = approvals;
    }

    @Override
    public String resourceType() {
        return ApprovalClientEvents.RESOURCE_TYPE;
    }

    @Override
    public boolean isVisible(CurrentUser user, String resourceId) {
        return approvals.isVisibleTo(UUID.fromString(resourceId), user);
    }
}
