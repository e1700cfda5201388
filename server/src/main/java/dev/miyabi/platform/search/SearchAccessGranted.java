package dev.miyabi.platform.search;

import java.util.UUID;

/** A user was granted search access (published in the transaction of the grant). */
public record SearchAccessGranted(SearchAccessGrant grant) {

    public UUID userId() {
        return grant.userId();
    }
}
