/**
 * Identity: users, roles, password hashing, JWT access tokens, refresh-token families and login
 * throttling. Its API is {@link dev.miyabi.platform.identity.CurrentUser}, {@link
 * dev.miyabi.platform.identity.Role} and the {@link dev.miyabi.platform.identity.UserDirectory}.
 */
@ApplicationModule(
        displayName = "Identity",
        allowedDependencies = {"shared"})
@NullMarked
package dev.miyabi.platform.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
