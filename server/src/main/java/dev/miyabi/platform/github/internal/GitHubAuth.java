package dev.miyabi.platform.github.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Authorization} header: a configured token as is, or for a GitHub App an installation token,
 * fetched with a short JWT signed by the App's key (RS256, {@code iss} = App id) and renewed five minutes
 * before it expires.
 */
class GitHubAuth {

    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    private final GitHubProperties properties;
    private final Clock clock;
    private final @Nullable PrivateKey appKey;
    private @Nullable GitHubClient client;
    private @Nullable String installationToken;
    private Instant installationTokenExpires = Instant.EPOCH;

    GitHubAuth(GitHubProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.appKey = properties.usesApp() ? privateKey(Objects.requireNonNull(properties.appPrivateKey())) : null;
    }

    void attach(GitHubClient client) {
        this.client = client;
        client.authorizeWith(this::authorization, this::invalidate);
    }

    synchronized String authorization() {
        if (!properties.usesApp()) {
            return "Bearer " + properties.token();
        }
        if (installationToken == null || !clock.instant().isBefore(installationTokenExpires.minus(RENEW_BEFORE))) {
            fetchInstallationToken();
        }
        return "Bearer " + installationToken;
    }

    /** Forgets the installation token (GitHub answered 401), so the next request fetches another. */
    synchronized void invalidate() {
        installationToken = null;
    }

    private void fetchInstallationToken() {
        GitHubClient github = Objects.requireNonNull(client, "client");
        String jwt = "Bearer " + appJwt();
        long installation = github.send("GET", github.repo() + "/installation", null, jwt)
                .body()
                .path("id")
                .asLong();
        GitHubClient.Response token =
                github.send("POST", "/app/installations/" + installation + "/access_tokens", null, jwt);
        installationToken = token.body().path("token").asString();
        String expires = token.body().path("expires_at").asString("");
        installationTokenExpires =
                expires.isEmpty() ? clock.instant().plus(Duration.ofMinutes(55)) : Instant.parse(expires);
    }

    /** The App's JWT: issued a minute in the past (clock drift), valid for nine minutes (GitHub allows ten). */
    String appJwt() {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(properties.appId())
                .issueTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(9))))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(Objects.requireNonNull(appKey)));
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing the GitHub App JWT failed", e);
        }
        return jwt.serialize();
    }

    /** A PEM RSA key: {@code BEGIN RSA PRIVATE KEY} (PKCS#1, as GitHub issues it) or {@code BEGIN PRIVATE KEY}. */
    static PrivateKey privateKey(String pem) {
        // An env file holds one line: "\n" escapes stand for the newlines.
        String text = pem.replace("\\n", "\n");
        boolean pkcs1 = text.contains("BEGIN RSA PRIVATE KEY");
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (!pkcs1) {
                return rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
            }
            RSAPrivateKey key = RSAPrivateKey.getInstance(der);
            return rsa.generatePrivate(new RSAPrivateCrtKeySpec(
                    key.getModulus(),
                    key.getPublicExponent(),
                    key.getPrivateExponent(),
                    key.getPrime1(),
                    key.getPrime2(),
                    key.getExponent1(),
                    key.getExponent2(),
                    key.getCoefficient()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // The key's text never goes into the message.
            throw new IllegalArgumentException("MIYABI_GITHUB_APP_PRIVATE_KEY is not a PEM RSA private key");
        }
    }
}
