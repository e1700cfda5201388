@ApplicationModule(
        displayName = "Agents",
        allowedDependencies = {"shared", "identity"})
@NullMarked
package dev.miyabi.platform.agents;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
