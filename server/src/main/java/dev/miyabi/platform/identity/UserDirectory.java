package dev.miyabi.platform.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Read access to users for other modules (names for timelines, approvers for approval stages, session
 * figures for the state projection).
 * Writes stay inside the identity module.
 */
public interface UserDirectory {

    Optional<UserSummary> find(UUID id);

    /** Users holding the role, oldest first. */
    List<UserSummary> withRole(Role role);

    /** Accounts and live sign-in sessions, counted now. */
    UserActivity activity();
}
