package dev.miyabi.platform.approvals;

import java.util.Optional;
import java.util.UUID;

/** Read access to approval requests for other modules (realtime, state). */
public interface Approvals {

    /** The request with its stages and audit trail. */
    Optional<ApprovalRequest> find(UUID requestId);

    /** The request opened for an order, if any. */
    Optional<ApprovalRequest> findForOrder(UUID orderId);
}
