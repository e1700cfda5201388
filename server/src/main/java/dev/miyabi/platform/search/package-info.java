/**
 * Search: the ContentSearchAgent (203). For now it fulfils search-service orders by granting search
 * access (table {@code search_access}); the {@link dev.miyabi.platform.search.SearchAccess} facade tells
 * whether a user may search. The Lucene index itself comes later.
 */
@ApplicationModule(
        displayName = "Search",
        allowedDependencies = {"shared", "identity", "agents"})
@NullMarked
package dev.miyabi.platform.search;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
