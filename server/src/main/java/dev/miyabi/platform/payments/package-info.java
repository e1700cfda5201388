@ApplicationModule(
        displayName = "Payments",
        allowedDependencies = {"shared", "identity"})
@NullMarked
package dev.miyabi.platform.payments;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
