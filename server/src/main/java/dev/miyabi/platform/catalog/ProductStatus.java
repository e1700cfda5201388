package dev.miyabi.platform.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Only {@code active} products are listed to customers and can be ordered. */
public enum ProductStatus {
    ACTIVE,
    DRAFT,
    ARCHIVED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ProductStatus> parse(String value) {
        return Arrays.stream(values())
                .filter(status -> status.value().equals(value))
                .findFirst();
    }

    public static String allowedValues() {
        return String.join(
                ", ", Arrays.stream(values()).map(ProductStatus::value).toList());
    }
}
