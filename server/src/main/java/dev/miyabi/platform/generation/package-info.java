@ApplicationModule(
        displayName = "Generation",
        allowedDependencies = {"shared", "identity"})
@NullMarked
package dev.miyabi.platform.generation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
