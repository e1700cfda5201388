@ApplicationModule(
        displayName = "Search",
        allowedDependencies = {"shared", "identity"})
@NullMarked
package dev.miyabi.platform.search;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
