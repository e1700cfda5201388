package dev.miyabi.platform.identity.internal;

import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.LimitReached;
import dev.miyabi.platform.shared.NotAuthenticated;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a user does with their own account: forgotten passwords (a single-use link by mail), a new
 * password (which ends every other session), and their name. Answers never tell whether an email has an
 * account.
 */
@Service
class AccountService {

    /** The window of the reset-request counters. */
    private static final Duration RESET_WINDOW = Duration.ofHours(1);

    private final Users users;
    private final PasswordResets resets;
    private final RefreshTokens refreshTokens;
    private final LoginThrottle throttle;
    private final RateCounters rateCounters;
    private final PasswordHashing hashing;
    private final PasswordResetMail mail;
    private final TokenIssuer issuer;
    private final AuthService auth;
    private final TransactionTemplate transactions;
    private final IdentityProperties.Auth settings;
    private final Clock clock;

    AccountService(
            Users users,
            PasswordResets resets,
            RefreshTokens refreshTokens,
            LoginThrottle throttle,
            RateCounters rateCounters,
            PasswordHashing hashing,
            PasswordResetMail mail,
            TokenIssuer issuer,
            AuthService auth,
            TransactionTemplate transactions,
            IdentityProperties properties,
            Clock clock) {
        this.users = users;
        this.resets = resets;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
        this.rateCounters = rateCounters;
        this.hashing = hashing;
        this.mail = mail;
        this.issuer = issuer;
        this.auth = auth;
        this.transactions = transactions;
        this.settings = properties.auth();
        this.clock = clock;
    }

    /**
     * Mails a reset link when the email has an account; answers alike either way. An address that asks
     * too often gets 429; an account receives at most {@code resetRequestsPerEmail} mails an hour (further
     * requests are answered as usual but send nothing).
     */
    void requestReset(String email, AuthService.Client client) {
        rateCounters
                .count("reset_address", client.address(), settings.resetRequestsPerAddress(), RESET_WINDOW)
                .ifPresent(wait -> {
                    throw new LimitReached(
                            ErrorCodes.RATE_LIMITED, "Too many password-reset requests from this address", wait);
                });
        String normalized = AuthService.normalize(email);
        Optional<String> token = transactions.execute(status -> {
            if (rateCounters
                    .count("reset_email", normalized, settings.resetRequestsPerEmail(), RESET_WINDOW)
                    .isPresent()) {
                return Optional.<String>empty();
            }
            return users.findByEmail(normalized).map(user -> {
                String value = issuer.newRefreshToken();
                resets.add(user.id(), value, clock.instant().plus(settings.passwordResetTtl()));
                return value;
            });
        });
        token.ifPresent(value -> mail.send(normalized, value));
    }

    /**
     * Sets a new password with a reset link and spends the link (and every other open link of the user).
     * Every session of the user ends, and the sign-in throttle forgets the account's failures: the owner
     * proved they hold the mailbox.
     */
    void reset(String token, String newPassword) {
        if (resets.usableBy(token, clock.instant(), false).isEmpty()) {
            throw invalidLink();
        }
        String hash = hashing.encode(newPassword);
        transactions.executeWithoutResult(status -> {
            UUID userId = resets.usableBy(token, clock.instant(), true).orElseThrow(AccountService::invalidLink);
            UserAccount user = users.updatePassword(userId, hash);
            resets.useAll(userId);
            refreshTokens.revokeAllOf(userId, "password_reset");
            throttle.forgiveAccount(user.email());
        });
    }

    /**
     * Changes the password of a signed-in user who knows the current one (a wrong one counts as a failed
     * sign-in). Every session of the user ends; the caller gets a new one.
     */
    AuthService.Session changePassword(
            UUID userId, String currentPassword, String newPassword, AuthService.Client client) {
        UserAccount user = users.findById(userId).orElseThrow(AccountService::accountGone);
        if (auth.checkPassword(user.email(), currentPassword, client).isEmpty()) {
            throw ApiException.validation("currentPassword", "is not your current password");
        }
        String hash = hashing.encode(newPassword);
        return transactions.execute(status -> {
            UserAccount updated = users.updatePassword(userId, hash);
            resets.useAll(userId);
            refreshTokens.revokeAllOf(userId, "password_changed");
            return auth.openSession(updated, client);
        });
    }

    UserAccount rename(UUID userId, String name) {
        return transactions.execute(
                status -> users.updateName(userId, name.trim()).orElseThrow(AccountService::accountGone));
    }

    int purge(Instant cutoff) {
        return resets.purgeExpiredBefore(cutoff) + rateCounters.purgeOlderThan(cutoff);
    }

    private static ApiException invalidLink() {
        return ApiException.validation("token", "is invalid, expired or already used; ask for a new link");
    }

    private static NotAuthenticated accountGone() {
        return new NotAuthenticated(ErrorCodes.UNAUTHORIZED, "The account no longer exists");
    }
}
