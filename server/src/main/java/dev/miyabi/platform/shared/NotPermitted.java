package dev.miyabi.platform.shared;

import java.util.Map;

/** The user may not do this to the resource (403; {@code forbidden} unless a subclass names the rule). */
public non-sealed class NotPermitted extends DomainException {

    public NotPermitted(String detail) {
        this(ErrorCodes.FORBIDDEN, detail);
    }

    protected NotPermitted(String code, String detail) {
        super(code, detail, Map.of());
    }
}
