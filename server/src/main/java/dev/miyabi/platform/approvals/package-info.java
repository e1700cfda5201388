@ApplicationModule(
        displayName = "Approvals",
        allowedDependencies = {"shared", "identity"})
@NullMarked
package dev.miyabi.platform.approvals;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
