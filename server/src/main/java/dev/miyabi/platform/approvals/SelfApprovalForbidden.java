package dev.miyabi.platform.approvals;

import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.NotPermitted;

/** The requester tried to decide on their own approval request (403 {@code self_approval_forbidden}). */
public class SelfApprovalForbidden extends NotPermitted {

    public SelfApprovalForbidden() {
        super(ErrorCodes.SELF_APPROVAL_FORBIDDEN, "You asked for this approval; someone else must decide on it");
    }
}
