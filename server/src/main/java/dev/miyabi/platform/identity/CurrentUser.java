package dev.miyabi.platform.identity;

import java.util.Set;
import java.util.UUID;

/**
 * The authenticated caller, taken from the verified access token. Controllers of every module
 * receive it as a method parameter.
 */
public record CurrentUser(UUID id, String email, Set<Role> roles) {

    public CurrentUser {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Role.ADMIN);
    }
}
