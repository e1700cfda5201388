package dev.miyabi.platform.identity.internal;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the identity module ({@code miyabi.auth.*}, {@code miyabi.jwt.*}, {@code miyabi.admin.*}).
 *
 * @param jwt signing keys and token claims
 * @param auth token lifetimes and sign-in throttling
 * @param admin the account created on first start
 * @param cors origins allowed to call the API from a browser (none by default)
 * @param publicUrl the web UI's address as users reach it, for links in mails; default
 *     {@code http://localhost:<port>}
 * @param mail the sender of the mails the platform sends (SMTP itself is {@code spring.mail.*})
 */
@Validated
@ConfigurationProperties("miyabi")
record IdentityProperties(
        @DefaultValue Jwt jwt,
        @DefaultValue Auth auth,
        @DefaultValue Admin admin,
        @DefaultValue Cors cors,
        @Nullable String publicUrl,
        @DefaultValue Mail mail) {

    /**
     * @param issuer the {@code iss} claim, checked on every request
     * @param privateKey PEM (PKCS#8) RSA private key shared by all instances; generated under
     *     {@code miyabi.home} when absent
     * @param previousPublicKeys PEM public keys of retired signing keys, still accepted and published
     */
    public record Jwt(
            @DefaultValue("miyabi") String issuer,
            @Nullable String privateKey,
            @DefaultValue List<String> previousPublicKeys) {}

    /**
     * @param refreshTokenTtl how long an unused refresh token stays valid; each refresh issues a new one
     * @param sessionMaxLifetime how long one sign-in (a refresh-token family) lasts however often it is
     *     refreshed; after it the user signs in again
     * @param accountMaxFailures failed sign-ins on one account from one address within the window before
     *     that address waits {@code throttleBaseDelay}, doubling with each further failure (at most the window)
     * @param addressMaxFailures failed sign-ins from one address on any accounts within the window before
     *     the address is blocked
     * @param registrationsPerAddress accounts one address may create per {@code registrationWindow}
     * @param passwordResetTtl how long a password-reset link works (once)
     * @param resetRequestsPerAddress reset links one address may ask for per hour (then 429)
     * @param resetRequestsPerEmail reset mails one account receives per hour at most (more are not sent)
     */
    public record Auth(
            @DefaultValue("15m") Duration accessTokenTtl,
            @DefaultValue("30d") Duration refreshTokenTtl,
            @DefaultValue("90d") Duration sessionMaxLifetime,
            @DefaultValue("5") @Positive int accountMaxFailures,
            @DefaultValue("50") @Positive int addressMaxFailures,
            @DefaultValue("15m") Duration throttleWindow,
            @DefaultValue("30s") Duration throttleBaseDelay,
            @DefaultValue("20") @Positive int registrationsPerAddress,
            @DefaultValue("1h") Duration registrationWindow,
            @DefaultValue("30m") Duration passwordResetTtl,
            @DefaultValue("10") @Positive int resetRequestsPerAddress,
            @DefaultValue("3") @Positive int resetRequestsPerEmail) {}

    /** @param from the {@code From} of every mail */
    public record Mail(
            @DefaultValue("Miyabi <no-reply@miyabi.local>") String from) {}

    public record Admin(
            @DefaultValue("admin@miyabi.local") String email,
            @Nullable String password) {}

    public record Cors(@DefaultValue List<String> allowedOrigins) {}

    public static final String AUDIENCE = "miyabi-api";
}
