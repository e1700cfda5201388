package dev.miyabi.platform.owasp;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.miyabi.platform.identity.internal.SigningKeys;
import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.TestMail;
import dev.miyabi.platform.support.WsClient;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * API2:2023 Broken Authentication.
 *
 * <ul>
 *   <li>a refresh token is no access token, and an access token no refresh token;
 *   <li>an access token is read from the {@code Authorization} header only, never from the URL of a REST call;
 *   <li>a genuinely signed token grants no role the user does not hold, and no account and no role for a user
 *       that does not exist;
 *   <li>a password-reset link points at the configured address whatever {@code Host}/{@code X-Forwarded-Host} the
 *       request that asked for it carried (no reset-link poisoning).
 * </ul>
 *
 * Covered elsewhere: forged, {@code alg: none}, HS256-with-the-public-key, unknown-{@code kid}, other-key,
 * wrong-audience/issuer, expired, expiry-less and tampered tokens in {@link
 * dev.miyabi.platform.identity.TokenForgeryIntegrationTests}; refresh rotation, reuse revoking the family,
 * concurrent reuse, maximum lifetime and logout in {@link
 * dev.miyabi.platform.identity.AuthIntegrationTests#refreshRotatesAndAReplayedTokenRevokesTheWholeFamily()},
 * {@link dev.miyabi.platform.identity.AuthIntegrationTests#concurrentRefreshesWithOneTokenYieldOneNewPairAndRevokeTheFamily()},
 * {@link dev.miyabi.platform.identity.AuthIntegrationTests#aSignInEndsAfterItsMaximumLifetimeHoweverOftenItIsRefreshed()},
 * {@link dev.miyabi.platform.identity.AuthIntegrationTests#logoutRevokesTheSession()}; login throttling in {@link
 * dev.miyabi.platform.identity.AuthIntegrationTests#eightWrongPasswordsBlockTheAccountWithRetryAfter()}, {@link
 * dev.miyabi.platform.identity.AuthIntegrationTests#concurrentWrongPasswordsNeverSlipPastTheAccountLimit()}, {@link
 * dev.miyabi.platform.identity.AuthIntegrationTests#manyFailuresFromOneAddressBlockThatAddress()}, {@link
 * dev.miyabi.platform.identity.AuthIntegrationTests#loginAnswersWrongPasswordAndUnknownEmailAlike()}; password
 * reset single use, expiry and throttling in {@link
 * dev.miyabi.platform.identity.AccountIntegrationTests#aResetLinkByMailSetsANewPasswordOnceAndEndsEverySession()},
 * {@link dev.miyabi.platform.identity.AccountIntegrationTests#anExpiredOrMadeUpLinkIsRefused()}, {@link
 * dev.miyabi.platform.identity.AccountIntegrationTests#resetRequestsAreLimitedPerAccountAndPerAddress()}; a
 * password change ending other sessions in {@link
 * dev.miyabi.platform.identity.AccountIntegrationTests#changingThePasswordNeedsTheCurrentOneAndEndsTheOtherSessions()};
 * the WebSocket's 4401 in {@link
 * dev.miyabi.platform.realtime.RealtimeWebSocketIntegrationTests#aBadTokenIsAnsweredWithAnErrorAndClose4401()}.
 */
class API2BrokenAuthenticationTests extends OwaspFixtures {

    @Autowired
    SigningKeys keys;

    @Test
    void aRefreshTokenIsNoAccessTokenAndAnAccessTokenNoRefreshToken() {
        Session user = register();

        assertProblem(api.get("/api/auth/me").token(user.refreshToken()).send(), 401, "unauthorized");
        assertThat(api.post("/api/auth/refresh")
                        .json(Map.of("refreshToken", user.accessToken()))
                        .send()
                        .status())
                .isIn(400, 401);
        // The genuine refresh token still works: the attempts above were refused, not counted as a replay.
        assertThat(api.post("/api/auth/refresh")
                        .json(Map.of("refreshToken", user.refreshToken()))
                        .send()
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anAccessTokenInTheUrlOfARestCallIsIgnored() {
        Session user = register();

        assertProblem(api.get("/api/auth/me?access_token=" + user.accessToken()).send(), 401, "unauthorized");
        assertProblem(api.get("/api/orders?access_token=" + user.accessToken()).send(), 401, "unauthorized");
    }

    @Test
    void aGenuinelySignedTokenGrantsNoRoleTheUserDoesNotHold() throws Exception {
        Session customer = register();

        String claimingAdmin = sign(customer.id(), customer.email(), List.of("customer", "admin"));
        assertThat(api.get("/api/auth/me").token(claimingAdmin).send().status()).isEqualTo(200);
        assertProblem(api.get("/api/admin/users").token(claimingAdmin).send(), 403, "forbidden");
        try (WsClient ws = WsClient.connect(port)) {
            ws.send("auth", Map.of("token", claimingAdmin));
            JsonNode success = ws.nextOfType("auth_success");
            assertThat(success.path("payload").path("roles").toString()).isEqualTo("[\"customer\"]");
        }
    }

    /**
     * A genuinely signed token (only a holder of the signing key could make one) for an account that never
     * existed or no longer exists is refused as if it were invalid: 401 with the same problem, on every route
     * and on {@code /ws} — not a customer with nothing, nor a 403 on admin routes.
     */
    @Test
    void aTokenForAUserThatDoesNotExistIsRefusedLikeAnInvalidToken() throws Exception {
        Session deleted = register();
        jdbc.sql("DELETE FROM users WHERE id = :id").param("id", deleted.id()).update();
        List<String> tokens = List.of(
                sign(UUID.randomUUID(), "nobody@example.test", List.of("customer")),
                sign(UUID.randomUUID(), "nobody@example.test", List.of("customer", "admin")),
                deleted.accessToken());

        for (String path : List.of("/api/auth/me", "/api/orders", "/api/admin/users")) {
            Api.Response invalid = api.get(path).token("not-a-jwt").send();
            assertProblem(invalid, 401, "unauthorized");
            for (String token : tokens) {
                Api.Response response = api.get(path).token(token).send();
                assertProblem(response, 401, "unauthorized");
                assertThat(response.json()).as(path).isEqualTo(invalid.json());
            }
        }
        for (String token : tokens) {
            try (WsClient ws = WsClient.connect(port)) {
                ws.send("auth", Map.of("token", token));
                assertThat(ws.next().path("payload").path("code").asString()).isEqualTo("unauthorized");
                assertThat(ws.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(4401);
            }
            try (WsClient ws = WsClient.connect(port, "?access_token=" + token, Map.of())) {
                assertThat(ws.next().path("payload").path("code").asString()).isEqualTo("unauthorized");
                assertThat(ws.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(4401);
            }
        }
    }

    @Test
    void aResetLinkPointsAtTheConfiguredAddressWhateverTheRequestSays() throws Exception {
        Session user = register();

        assertThat(api.post("/api/auth/password-reset")
                        .header("X-Forwarded-Host", "evil.example.test")
                        .header("X-Forwarded-Proto", "https")
                        .header("Forwarded", "host=evil.example.test;proto=https")
                        .json(Map.of("email", user.email()))
                        .send()
                        .status())
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !TestMail.to(user.email()).isEmpty());
        MimeMessage mail = TestMail.to(user.email()).getLast();
        String content = (String) mail.getContent();
        assertThat(content).contains("/reset-password#token=").doesNotContain("evil.example.test");
    }

    private String sign(UUID subject, String email, List<String> roles) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("miyabi")
                .subject(subject.toString())
                .audience("miyabi-api")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString())
                .claim("email", email)
                .claim("roles", roles)
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(keys.signingKey().getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(keys.signingKey()));
        return jwt.serialize();
    }
}
