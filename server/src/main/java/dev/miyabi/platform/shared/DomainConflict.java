package dev.miyabi.platform.shared;

import java.util.Map;

/** The resource's current state refuses the change (409); see {@link InvalidStateTransition}. */
public non-sealed class DomainConflict extends DomainException {

    public DomainConflict(String code, String detail, Map<String, ?> properties) {
        super(code, detail, properties);
    }
}
