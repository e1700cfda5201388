package dev.miyabi.platform.realtime.internal;

import dev.miyabi.platform.approvals.ApprovalCancelled;
import dev.miyabi.platform.approvals.ApprovalDecided;
import dev.miyabi.platform.approvals.ApprovalEscalated;
import dev.miyabi.platform.approvals.ApprovalEvent;
import dev.miyabi.platform.approvals.ApprovalExpired;
import dev.miyabi.platform.approvals.ApprovalRequested;
import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.realtime.ClientEvents;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Approvals → {@code approval.requested}, {@code approval.decided} (with the {@code decision} made), {@code
 * approval.escalated}, {@code approval.expired}, {@code approval.cancelled} (resource type {@code approval}):
 * the request as {@code GET /api/approvals/{id}} renders it (stages, decisions, audit trail) plus {@code
 * previousStatus}, and its own {@code resourceType}/{@code resourceId} (the order it is about) repeated as
 * {@code subject: {resourceType, resourceId}}, since the event envelope's fields of those names name the
 * approval request; in the publishing transaction.
 *
 * <p>Visible to exactly whom {@code GET /api/approvals/{id}} shows the request ({@link
 * ApprovalEvent#visibleTo()}): the requester, the users a stage names, the approvers asked (for a stage
 * assigned to a role: every holder of the role when the stage started, the requester and earlier deciders
 * excepted; plus the admins once escalated), whoever decided — and admins. Not to the role as such: a user
 * who gains the role after the stage started is not among its approvers, cannot decide (403) nor read the
 * request (404), so an event would only announce something they cannot open.
 */
@Component
class ApprovalClientEvents {

    static final String RESOURCE_TYPE = "approval";

    /** The payload field with the request's own {@code resourceType} and {@code resourceId}. */
    static final String SUBJECT = "subject";

    private final ClientEvents events;
    private final JsonMapper json;

    ApprovalClientEvents(ClientEvents events, JsonMapper json) {
        this.events = events;
        this.json = json;
    }

    @EventListener
    void on(ApprovalEvent event) {
        String type = switch (event) {
            case ApprovalRequested requested -> "approval.requested";
            case ApprovalDecided decided -> "approval.decided";
            case ApprovalEscalated escalated -> "approval.escalated";
            case ApprovalExpired expired -> "approval.expired";
            case ApprovalCancelled cancelled -> "approval.cancelled";
        };
        ObjectNode payload = ClientPayloads.withPreviousStatus(json, event.request(), event.previousStatus());
        // The envelope's resourceType/resourceId name the approval request itself; the request's own
        // fields of those names (what it is about: the order) travel as subject.
        payload.set(
                SUBJECT,
                json.createObjectNode()
                        .put("resourceType", event.request().resourceType())
                        .put("resourceId", event.request().resourceId().toString()));
        if (event instanceof ApprovalDecided decided) {
            payload.set("decision", json.valueToTree(decided.decision()));
        }
        events.append(
                type,
                RESOURCE_TYPE,
                event.request().id().toString(),
                payload,
                List.copyOf(event.visibleTo()),
                List.<Role>of());
    }
}
