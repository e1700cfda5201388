@ApplicationModule(
        displayName = "Catalog",
        allowedDependencies = {"shared", "identity"})
@NullMarked
package dev.miyabi.platform.catalog;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
