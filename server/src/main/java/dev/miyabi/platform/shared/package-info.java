/**
 * Small building blocks open to every module: problem details, paging, the home directory and
 * the database bootstrap.
 */
@ApplicationModule(displayName = "Shared", type = ApplicationModule.Type.OPEN)
@NullMarked
package dev.miyabi.platform.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
