@ApplicationModule(
        displayName = "Realtime",
        allowedDependencies = {"shared", "identity"})
@NullMarked
package dev.miyabi.platform.realtime;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
