package dev.miyabi.platform.shared;

import java.util.Map;

/** The content is larger than a limit (413 {@code payload_too_large}); the detail names the limit. */
public non-sealed class TooLarge extends DomainException {

    public TooLarge(String detail) {
        super(ErrorCodes.PAYLOAD_TOO_LARGE, detail, Map.of());
    }
}
