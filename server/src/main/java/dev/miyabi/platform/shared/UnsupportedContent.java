package dev.miyabi.platform.shared;

import java.util.Map;

/** The content is of a type that is not accepted (415 {@code unsupported_media_type}); the detail says which are. */
public non-sealed class UnsupportedContent extends DomainException {

    public UnsupportedContent(String detail) {
        super(ErrorCodes.UNSUPPORTED_MEDIA_TYPE, detail, Map.of());
    }
}
