package dev.miyabi.platform.identity;

import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What other modules may know of a user. */
public record UserSummary(UUID id, String email, @Nullable String name, Set<Role> roles) {

    public String displayName() {
        return name == null || name.isBlank() ? email : name;
    }
}
