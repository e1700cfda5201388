package dev.miyabi.platform.identity.internal;

import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.identity.UserSummary;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A row of {@code users}. */
record UserAccount(
        UUID id,
        String email,
        @Nullable String name,
        @Nullable String passwordHash,
        Set<Role> roles,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public UserSummary summary() {
        return new UserSummary(id, email, name, roles);
    }
}
