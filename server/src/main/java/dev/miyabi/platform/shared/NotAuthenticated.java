package dev.miyabi.platform.shared;

import java.util.Map;

/** The credentials or the session do not identify a user (401). */
public non-sealed class NotAuthenticated extends DomainException {

    public NotAuthenticated(String code, String detail) {
        super(code, detail, Map.of());
    }
}
