package dev.miyabi.platform.identity.internal;

import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.identity.UserActivity;
import dev.miyabi.platform.identity.UserDirectory;
import dev.miyabi.platform.identity.UserSummary;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.DomainConflict;
import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.shared.PageResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Admin operations on users, and the read-only {@link UserDirectory} other modules use. */
@Service
class UserAdministration implements UserDirectory {

    private static final Logger log = LoggerFactory.getLogger(UserAdministration.class);

    private final Users users;
    private final RefreshTokens refreshTokens;

    UserAdministration(Users users, RefreshTokens refreshTokens) {
        this.users = users;
        this.refreshTokens = refreshTokens;
    }

    @Override
    @Transactional(readOnly = true)
    public UserActivity activity() {
        return refreshTokens.activity();
    }

    @Transactional(readOnly = true)
    public PageResponse<UserAccount> list(@Nullable String search, @Nullable Role role, PageQuery page) {
        String term = search == null || search.isBlank() ? null : search.trim();
        return PageResponse.of(users.page(term, role, page), page, users.count(term, role));
    }

    /**
     * Replaces a user's roles; {@code customer} is always kept. The last admin cannot lose the admin
     * role, so the platform never ends up without one.
     */
    @Transactional
    public UserAccount changeRoles(UUID userId, Set<Role> requested, UUID changedBy) {
        UserAccount user = users.lockById(userId).orElseThrow(() -> ApiException.notFound("User"));
        Set<Role> roles = EnumSet.of(Role.CUSTOMER);
        roles.addAll(requested);
        if (user.roles().contains(Role.ADMIN) && !roles.contains(Role.ADMIN)) {
            // Lock every admin row so two concurrent demotions cannot both pass the check.
            List<UserAccount> admins = users.withRole(Role.ADMIN).stream()
                    .map(admin -> users.lockById(admin.id()).orElseThrow())
                    .filter(admin -> admin.roles().contains(Role.ADMIN))
                    .toList();
            if (admins.size() <= 1) {
                throw new DomainConflict(
                        ErrorCodes.INVALID_STATE, "The last admin cannot lose the admin role", Map.of());
            }
        }
        UserAccount updated = users.updateRoles(userId, roles);
        log.info("Roles of user {} changed from {} to {} by {}", userId, user.roles(), roles, changedBy);
        return updated;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<UserSummary> find(UUID id) {
        return users.findById(id).map(UserAccount::summary);
    }

    @Override
    @Transactional(readOnly = true)
    public List<UserSummary> withRole(Role role) {
        return users.withRole(role).stream().map(UserAccount::summary).toList();
    }
}
