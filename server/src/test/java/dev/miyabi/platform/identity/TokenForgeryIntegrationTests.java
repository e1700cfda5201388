package dev.miyabi.platform.identity;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.miyabi.platform.identity.internal.SigningKeys;
import dev.miyabi.platform.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Tokens an attacker could make must all be refused with 401, and a genuine one accepted. */
class TokenForgeryIntegrationTests extends IntegrationTest {

    @Autowired
    SigningKeys keys;

    Session victim;

    @BeforeEach
    void signIn() {
        victim = register();
    }

    @Test
    void aGenuineTokenIsAccepted() throws Exception {
        assertThat(call(sign(keys.signingKey(), keys.signingKey().getKeyID(), claims().build())))
                .isEqualTo(200);
    }

    @Test
    void shouldRefuseAnUnsignedAlgNoneToken() {
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = base64(claims().build().toString());

        assertUnauthorized(header + "." + payload + ".");
    }

    @Test
    void shouldRefuseHs256SignedWithThePublicKey() throws Exception {
        byte[] publicKey = keys.signingKey().toRSAPublicKey().getEncoded();
        byte[] secret = keys.signingKey().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        for (byte[] key : List.of(publicKey, secret)) {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .keyID(keys.signingKey().getKeyID())
                            .build(),
                    claims().build());
            jwt.sign(new MACSigner(key));

            assertUnauthorized(jwt.serialize());
        }
    }

    @Test
    void shouldRefuseATokenWithAnUnknownKid() throws Exception {
        assertUnauthorized(sign(keys.signingKey(), "unknown-kid", claims().build()));
    }

    @Test
    void shouldRefuseATokenSignedByAnotherKeyClaimingOurKid() throws Exception {
        RSAKey foreign = new RSAKeyGenerator(2048).generate();

        assertUnauthorized(sign(foreign, keys.signingKey().getKeyID(), claims().build()));
    }

    @Test
    void shouldRefuseAWrongAudience() throws Exception {
        assertUnauthorized(sign(
                keys.signingKey(),
                keys.signingKey().getKeyID(),
                claims().audience("another-api").build()));
    }

    @Test
    void shouldRefuseAWrongIssuer() throws Exception {
        assertUnauthorized(sign(
                keys.signingKey(),
                keys.signingKey().getKeyID(),
                claims().issuer("evil").build()));
    }

    @Test
    void shouldRefuseAnExpiredToken() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        JWTClaimsSet expired = claims().issueTime(Date.from(past.minusSeconds(900)))
                .expirationTime(Date.from(past))
                .build();

        assertUnauthorized(sign(keys.signingKey(), keys.signingKey().getKeyID(), expired));
    }

    @Test
    void shouldRefuseATokenWithoutExpiry() throws Exception {
        JWTClaimsSet forever = claims().expirationTime(null).build();

        assertUnauthorized(sign(keys.signingKey(), keys.signingKey().getKeyID(), forever));
    }

    @Test
    void shouldRefuseATamperedPayload() {
        String[] parts = victim.accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"customer\"", "\"admin\"");

        assertUnauthorized(parts[0] + "." + base64(payload) + "." + parts[2]);
    }

    @Test
    void shouldRefuseGarbage() {
        assertUnauthorized("not.a.token");
        assertUnauthorized("x");
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("miyabi")
                .subject(victim.id().toString())
                .audience("miyabi-api")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString())
                .claim("email", victim.email())
                .claim("roles", List.of("customer", "admin"));
    }

    private static String sign(RSAKey key, String kid, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(kid)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private int call(String token) {
        return api.get("/api/auth/me").token(token).send().status();
    }

    private void assertUnauthorized(String token) {
        assertProblem(api.get("/api/auth/me").token(token).send(), 401, "unauthorized");
        assertProblem(api.get("/api/admin/users").token(token).send(), 401, "unauthorized");
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
