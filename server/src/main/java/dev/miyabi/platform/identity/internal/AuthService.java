package dev.miyabi.platform.identity.internal;

import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.DomainConflict;
import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.LimitReached;
import dev.miyabi.platform.shared.NotAuthenticated;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registration, sign-in, refresh-token rotation with reuse detection, and sign-out. Work that must
 * persist even though the caller gets an error (a counted failure, a revoked family) is committed
 * before the error is thrown.
 */
@Service
class AuthService {

    private static final Logger log = LoggerFactory.getLogger(AuthService.class);

    private final Users users;
    private final RefreshTokens refreshTokens;
    private final LoginThrottle throttle;
    private final TokenIssuer issuer;
    private final PasswordHashing hashing;
    private final RateCounters rateCounters;
    private final TransactionTemplate transactions;
    private final IdentityProperties properties;
    private final Clock clock;
    private final String dummyHash;

    AuthService(
            Users users,
            RefreshTokens refreshTokens,
            LoginThrottle throttle,
            TokenIssuer issuer,
            PasswordEncoder passwords,
            PasswordHashing hashing,
            RateCounters rateCounters,
            TransactionTemplate transactions,
            IdentityProperties properties,
            Clock clock) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
        this.issuer = issuer;
        this.hashing = hashing;
        this.rateCounters = rateCounters;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        // Verifying against this when the email is unknown keeps both answers equally slow.
        this.dummyHash = passwords.encode(UUID.randomUUID().toString());
    }

    /** A signed-in session: the access token and the newest refresh token of its family. */
    public record Session(UserAccount user, String accessToken, String refreshToken, long expiresIn) {}

    /** Where a request came from, kept with the session for the operators' view. */
    public record Client(String address, @Nullable String userAgent) {}

    private sealed interface Attempt {
        record Counted(long failureId, Optional<UserAccount> user) implements Attempt {}

        record Blocked(Duration retryAfter) implements Attempt {}
    }

    public Session register(String email, String password, String name, Client client) {
        String normalized = normalize(email);
        // Lower-casing can lengthen an address ('İ' becomes "i̇"): the stored form must fit its column.
        if (normalized.length() > Users.MAX_EMAIL_LENGTH) {
            throw ApiException.validation(
                    "email", "must be at most " + Users.MAX_EMAIL_LENGTH + " characters once lower-cased");
        }
        rateCounters
                .count(
                        "register",
                        client.address(),
                        properties.auth().registrationsPerAddress(),
                        properties.auth().registrationWindow())
                .ifPresent(wait -> {
                    throw new LimitReached(
                            ErrorCodes.RATE_LIMITED, "Too many accounts were created from this address", wait);
                });
        String hash = hashing.encode(password);
        return transactions.execute(status -> {
            UserAccount user = users.insert(normalized, name.trim(), hash, EnumSet.of(Role.CUSTOMER))
                    .orElseThrow(() -> new DomainConflict(
                            ErrorCodes.EMAIL_TAKEN, "An account with this email already exists", Map.of()));
            return openSession(user, client);
        });
    }

    public Session login(String email, String password, Client client) {
        String normalized = normalize(email);
        Optional<UserAccount> user = checkPassword(normalized, password, client);
        if (user.isEmpty()) {
            throw new NotAuthenticated(ErrorCodes.INVALID_CREDENTIALS, "The email or password is wrong");
        }
        return transactions.execute(status -> openSession(user.get(), client));
    }

    /**
     * Checks a password under the sign-in throttle: the account, when the password is its own; empty when
     * it is not (counted as a failure of this account from this address); 429 while this address is held
     * back. The attempt is counted before the hash is computed, in a short transaction of its own, so no
     * database connection or lock is held while hashing and concurrent guesses cannot pass the limit.
     */
    Optional<UserAccount> checkPassword(String normalizedEmail, String password, Client client) {
        return hashing.run(encoder -> {
            Attempt attempt = transactions.execute(status -> {
                throttle.lock(normalizedEmail, client.address());
                Optional<Duration> blocked = throttle.blockedFor(normalizedEmail, client.address());
                if (blocked.isPresent()) {
                    return new Attempt.Blocked(blocked.get());
                }
                long failure = throttle.recordFailure(normalizedEmail, client.address());
                return new Attempt.Counted(failure, users.findByEmail(normalizedEmail));
            });
            return switch (attempt) {
                case Attempt.Blocked blocked ->
                    throw new LimitReached(
                            ErrorCodes.RATE_LIMITED,
                            "Too many failed sign-ins; try again in "
                                    + Math.max(1, blocked.retryAfter().toSeconds()) + " seconds",
                            blocked.retryAfter());
                case Attempt.Counted counted -> {
                    boolean right;
                    try {
                        right = verify(encoder, counted.user(), password);
                    } catch (RuntimeException notChecked) {
                        transactions.executeWithoutResult(status -> throttle.forget(counted.failureId()));
                        throw notChecked;
                    }
                    if (right) {
                        transactions.executeWithoutResult(
                                status -> throttle.forgive(normalizedEmail, client.address()));
                        yield counted.user();
                    }
                    yield Optional.<UserAccount>empty();
                }
            };
        });
    }

    /**
     * Spends the refresh token and returns a new pair. A token that was already spent means it was
     * copied: its whole family is revoked, so neither the thief nor the owner can continue.
     */
    public Session refresh(String token, Client client) {
        Optional<Session> session = transactions.execute(status -> {
            Optional<RefreshTokens.Presented> found = refreshTokens.lock(token);
            if (found.isEmpty()) {
                return Optional.<Session>empty();
            }
            RefreshTokens.Presented presented = found.get();
            Instant now = clock.instant();
            Instant sessionEnd =
                    presented.familyCreatedAt().plus(properties.auth().sessionMaxLifetime());
            if (presented.familyRevokedAt() != null
                    || presented.expiresAt().isBefore(now)
                    || presented.familyExpiresAt().isBefore(now)) {
                return Optional.<Session>empty();
            }
            if (!sessionEnd.isAfter(now)) {
                refreshTokens.revokeFamily(presented.familyId(), "max_lifetime");
                return Optional.<Session>empty();
            }
            if (presented.usedAt() != null) {
                refreshTokens.revokeFamily(presented.familyId(), "reuse_detected");
                log.warn(
                        "A spent refresh token was presented again; session family {} of user {} revoked",
                        presented.familyId(),
                        presented.userId());
                return Optional.<Session>empty();
            }
            Optional<UserAccount> user = users.findById(presented.userId());
            if (user.isEmpty()) {
                refreshTokens.revokeFamily(presented.familyId(), "user_deleted");
                return Optional.<Session>empty();
            }
            refreshTokens.markUsed(presented.tokenId());
            String next = issuer.newRefreshToken();
            Instant expires = now.plus(properties.auth().refreshTokenTtl());
            refreshTokens.add(presented.familyId(), next, expires.isBefore(sessionEnd) ? expires : sessionEnd);
            return Optional.of(
                    new Session(user.get(), issuer.accessToken(user.get()), next, issuer.accessTokenTtlSeconds()));
        });
        return session.orElseThrow(() ->
                new NotAuthenticated(ErrorCodes.UNAUTHORIZED, "The refresh token is invalid, expired or revoked"));
    }

    /** Revokes the token's family; unknown tokens are ignored so the answer reveals nothing. */
    public void logout(String token) {
        transactions.executeWithoutResult(status -> refreshTokens
                .lock(token)
                .ifPresent(presented -> refreshTokens.revokeFamily(presented.familyId(), "logout")));
    }

    public Optional<UserAccount> find(UUID userId) {
        return users.findById(userId);
    }

    private boolean verify(PasswordEncoder encoder, Optional<UserAccount> user, String password) {
        String hash = user.map(UserAccount::passwordHash).orElse(null);
        if (hash == null) {
            encoder.matches(password, dummyHash);
            return false;
        }
        return encoder.matches(password, hash);
    }

    Session openSession(UserAccount user, Client client) {
        Duration lifetime = properties.auth().refreshTokenTtl();
        if (lifetime.compareTo(properties.auth().sessionMaxLifetime()) > 0) {
            lifetime = properties.auth().sessionMaxLifetime();
        }
        Instant expires = clock.instant().plus(lifetime);
        UUID family = refreshTokens.openFamily(user.id(), expires, client.address(), client.userAgent());
        String refreshToken = issuer.newRefreshToken();
        refreshTokens.add(family, refreshToken, expires);
        return new Session(user, issuer.accessToken(user), refreshToken, issuer.accessTokenTtlSeconds());
    }

    static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
