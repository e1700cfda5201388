package dev.miyabi.platform.search.internal;

import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.NotPermitted;

/** The user's search access does not run (403 {@code search_access_required}). */
class SearchAccessRequired extends NotPermitted {

    SearchAccessRequired() {
        super(
                ErrorCodes.SEARCH_ACCESS_REQUIRED,
                "The private library and answers need an active search plan (order the Content Search product)");
    }
}
