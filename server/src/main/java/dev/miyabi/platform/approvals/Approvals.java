package dev.miyabi.platform.approvals;

import dev.miyabi.platform.identity.CurrentUser;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Read access to approval requests for other modules (realtime, state). */
public interface Approvals {

    /** The request with its stages and audit trail. */
    Optional<ApprovalRequest> find(UUID requestId);

    /** The request opened for an order, if any. */
    Optional<ApprovalRequest> findForOrder(UUID orderId);

    /**
     * True when the user may read the request ({@code GET /api/approvals/{id}}): its requester, a user its
     * stages name or ask or who decided, or an admin. Unknown ids are false.
     */
    boolean isVisibleTo(UUID requestId, CurrentUser user);

    /** How many requests are in each status (every status present, zero included). */
    Map<ApprovalStatus, Long> countByStatus();
}
