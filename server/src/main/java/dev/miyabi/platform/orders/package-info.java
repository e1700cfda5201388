@ApplicationModule(
        displayName = "Orders",
        allowedDependencies = {"shared", "identity"})
@NullMarked
package dev.miyabi.platform.orders;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
