package dev.miyabi.platform.identity.internal;

import dev.miyabi.platform.identity.AccessTokens;
import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.identity.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * Who a verified access token stands for now. The token's user must exist: a token signed for an account
 * that never existed or was deleted is refused like an invalid one. The roles that grant power over others
 * (admin, approver) are read from the database on every request, so taking one away takes effect at once;
 * a customer's token costs no query while its user is known to exist — confirmed at most {@link #KNOWN_FOR}
 * ago on this instance (no code path deletes users; one deleted with SQL is refused within that time).
 */
@Component
class Principals implements AccessTokens {

    /** How long a confirmed user is taken to exist without asking the database again. */
    static final Duration KNOWN_FOR = Duration.ofMinutes(1);

    /** Far above the users active within {@link #KNOWN_FOR}; when reached the map is emptied. */
    private static final int MAX_KNOWN = 100_000;

    private final Users users;
    private final JwtDecoder decoder;

    /** User id → {@link System#nanoTime()} when the database last confirmed that the user exists. */
    private final Map<UUID, Long> known = new ConcurrentHashMap<>();

    Principals(Users users, JwtDecoder decoder) {
        this.users = users;
        this.decoder = decoder;
    }

    @Override
    public Optional<VerifiedAccess> verify(String token) {
        try {
            Jwt jwt = decoder.decode(token);
            String email = jwt.getClaimAsString(TokenIssuer.EMAIL_CLAIM);
            Instant expiresAt = Objects.requireNonNull(jwt.getExpiresAt(), "exp is checked by the decoder");
            return roles(jwt)
                    .map(roles -> new VerifiedAccess(
                            new CurrentUser(UUID.fromString(jwt.getSubject()), email == null ? "" : email, roles),
                            expiresAt));
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The roles of the token's user: those the token claims, less any privileged role the user no longer
     * holds. Empty when the user does not exist.
     *
     * @throws IllegalArgumentException when the subject is not a user id
     */
    Optional<Set<Role>> roles(Jwt jwt) {
        UUID id = UUID.fromString(jwt.getSubject());
        Set<Role> claimed = EnumSet.noneOf(Role.class);
        List<String> values = jwt.getClaimAsStringList(TokenIssuer.ROLES_CLAIM);
        if (values != null) {
            values.forEach(value -> Role.parse(value).ifPresent(claimed::add));
        }
        if (claimed.contains(Role.ADMIN) || claimed.contains(Role.APPROVER)) {
            Optional<Set<Role>> current = users.currentRoles(id);
            remember(id, current.isPresent());
            return current.map(held -> {
                claimed.removeIf(role -> role != Role.CUSTOMER && !held.contains(role));
                return claimed;
            });
        }
        return exists(id) ? Optional.of(claimed) : Optional.empty();
    }

    private boolean exists(UUID id) {
        Long confirmed = known.get(id);
        if (confirmed != null && System.nanoTime() - confirmed < KNOWN_FOR.toNanos()) {
            return true;
        }
        boolean exists = users.currentRoles(id).isPresent();
        remember(id, exists);
        return exists;
    }

    private void remember(UUID id, boolean exists) {
        if (!exists) {
            known.remove(id);
            return;
        }
        if (known.size() >= MAX_KNOWN) {
            known.clear();
        }
        known.put(id, System.nanoTime());
    }
}
