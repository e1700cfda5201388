package dev.miyabi.platform.shared;

import java.util.List;
import java.util.Map;

/**
 * The request is well-formed, but what it carries cannot be used: an input that does not fit its schema,
 * a product that cannot be ordered, an amount beyond what is allowed (422).
 */
public non-sealed class NotProcessable extends DomainException {

    public NotProcessable(String code, String detail) {
        super(code, detail, Map.of());
    }

    public NotProcessable(String code, String detail, List<FieldViolation> errors, Map<String, ?> properties) {
        super(code, detail, errors, properties, null);
    }
}
