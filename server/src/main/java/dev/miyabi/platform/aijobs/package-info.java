@ApplicationModule(
        displayName = "AI jobs",
        allowedDependencies = {"shared", "identity"})
@NullMarked
package dev.miyabi.platform.aijobs;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
