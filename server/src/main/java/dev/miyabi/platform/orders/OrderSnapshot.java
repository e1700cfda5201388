package dev.miyabi.platform.orders;

import dev.miyabi.platform.catalog.ProductCategory;
import dev.miyabi.platform.shared.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An order with its timeline, exactly as the API shows it — so events carrying it can be handed to
 * clients as they are. {@code unitPrice} and {@code productName} are the catalog's at order time.
 *
 * @param input the generation request of an AI product (validated against its schema), or the
 *     customer's free-form notes for other products; null when none was given
 */
public record OrderSnapshot(
        UUID id,
        UUID userId,
        UUID productId,
        String productName,
        ProductCategory category,
        int quantity,
        Money unitPrice,
        Money total,
        OrderStatus status,
        @Nullable JsonNode input,
        @Nullable UUID approvalId,
        @Nullable UUID paymentId,
        @Nullable UUID aiJobId,
        long version,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant completedAt,
        List<TimelineEntry> timeline) {

    public OrderSnapshot {
        timeline = List.copyOf(timeline);
        if (input != null && (input.isNull() || input.isMissingNode())) {
            input = null;
        }
    }
}
