package dev.miyabi.platform.identity.internal;

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
 */
@Validated
@ConfigurationProperties("miyabi")
record IdentityProperties(
        @DefaultValue Jwt jwt,
        @DefaultValue Auth auth,
        @DefaultValue Admin admin,
        @DefaultValue Cors cors) {

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
     */
    public record Auth(
            @DefaultValue("15m") Duration accessTokenTtl,
            @DefaultValue("30d") Duration refreshTokenTtl,
            @DefaultValue("90d") Duration sessionMaxLifetime,
            @DefaultValue("5") int accountMaxFailures,
            @DefaultValue("50") int addressMaxFailures,
            @DefaultValue("15m") Duration throttleWindow) {}

    public record Admin(
            @DefaultValue("admin@miyabi.local") String email,
            @Nullable String password) {}

    public record Cors(@DefaultValue List<String> allowedOrigins) {}

    public static final String AUDIENCE = "miyabi-api";
}
