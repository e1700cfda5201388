@ApplicationModule(
        displayName = "LLM",
        allowedDependencies = {"shared", "identity"})
@NullMarked
package dev.miyabi.platform.llm;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
