@ApplicationModule(
        displayName = "State",
        allowedDependencies = {"shared", "identity"})
@NullMarked
package dev.miyabi.platform.state;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
