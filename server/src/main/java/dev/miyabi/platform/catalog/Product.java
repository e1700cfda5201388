package dev.miyabi.platform.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.miyabi.platform.shared.Money;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A product as the API shows it and as other modules see it. */
public record Product(
        UUID id,
        String name,
        @Nullable String description,
        Money price,
        ProductCategory category,
        ProductStatus status,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /** Only active products can be ordered. */
    @JsonIgnore
    public boolean isOrderable() {
        return status == ProductStatus.ACTIVE;
    }
}
