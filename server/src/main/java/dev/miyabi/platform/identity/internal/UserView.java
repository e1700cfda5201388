package dev.miyabi.platform.identity.internal;

import dev.miyabi.platform.identity.Role;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A user as the API shows it; never the password hash. */
record UserView(
        UUID id,
        String email,
        @Schema(types = {"string", "null"}) @Nullable String name,
        List<Role> roles,
        Instant createdAt) {

    static UserView of(UserAccount user) {
        return new UserView(
                user.id(),
                user.email(),
                user.name(),
                user.roles().stream().sorted().toList(),
                user.createdAt());
    }
}
