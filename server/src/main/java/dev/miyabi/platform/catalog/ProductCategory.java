package dev.miyabi.platform.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a product sells; it decides how an order for it is fulfilled. */
public enum ProductCategory {
    AI_COURSE_GENERATION,
    AI_DOCUMENT_GENERATION,
    AI_SEARCH_SERVICE,
    BUSINESS_CONSULTING,
    TECHNICAL_SUPPORT;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Fulfilled by people (an admin completes the order), not by an AI job or an access grant. */
    public boolean isFulfilledByStaff() {
        return this == BUSINESS_CONSULTING || this == TECHNICAL_SUPPORT;
    }

    public static Optional<ProductCategory> parse(String value) {
        return Arrays.stream(values())
                .filter(category -> category.value().equals(value))
                .findFirst();
    }

    public static String allowedValues() {
        return String.join(
                ", ", Arrays.stream(values()).map(ProductCategory::value).toList());
    }
}
