package dev.miyabi.platform.search;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may use the search service: a user holds access while one of their grants is running (a grant
 * starts when it is made, or when the user's previous grant ends, and lasts the configured period per
 * unit ordered). Grants are made by the ContentSearchAgent (203) when a search-service order is paid.
 */
public interface SearchAccess {

    /** Whether the user may search now. */
    boolean hasAccess(UUID userId);

    /** The grant in force now, if any. */
    Optional<SearchAccessGrant> current(UUID userId);

    /** All of the user's grants, newest first. */
    List<SearchAccessGrant> grants(UUID userId);

    /** The grant made for an order, if any. */
    Optional<SearchAccessGrant> forOrder(UUID orderId);
}
