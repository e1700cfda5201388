package dev.miyabi.platform.approvals;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the order of an approval request asks for, as its approvers must see it (they may not read the
 * order itself): the product, how many, and the customer's input of the request's current round — the
 * generation request of an AI product (topic, audience, objectives, document data …) or free-form
 * notes. The total is the request's {@code amount}.
 *
 * @param input null when the order has none
 */
public record ApprovalOrder(
        UUID productId,
        String productName,
        int quantity,
        @Nullable JsonNode input) {}
