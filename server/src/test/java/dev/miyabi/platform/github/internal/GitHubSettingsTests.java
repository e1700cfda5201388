package dev.miyabi.platform.github.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.miyabi.platform.agents.AgentTaskStatus;
import dev.miyabi.platform.agents.AgentType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The mirror's settings, issue content and signatures, without a server. */
class GitHubSettingsTests {

    @Test
    void shouldKeepSecretsOutOfTheSettingsDescription() {
        GitHubProperties properties = properties("acme/board", "ghp_very_secret", null, null, "hook-secret");
        assertThat(properties.enabled()).isTrue();
        assertThat(properties.toString())
                .contains("acme/board")
                .doesNotContain("ghp_very_secret")
                .doesNotContain("hook-secret");
    }

    @Test
    void shouldBeOffWithoutARepositoryAndRefuseAHalfConfiguredOne() {
        assertThat(properties(null, null, null, null, null).enabled()).isFalse();
        assertThat(properties("  ", null, null, null, null).enabled()).isFalse();
        assertThatThrownBy(() -> properties("acme/board", null, null, null, null))
                .hasMessageContaining("MIYABI_GITHUB_TOKEN");
        assertThatThrownBy(() -> properties("not a repository", "t", null, null, null))
                .hasMessageContaining("owner/name");
    }

    @Test
    void shouldSignTheAppJwtWithAPkcs8KeyAndNeverEchoABrokenKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pkcs8 = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Instant now = Instant.parse("2026-12-06T12:00:00Z");
        GitHubAuth auth =
                new GitHubAuth(properties("acme/board", null, "4711", pkcs8, null), Clock.fixed(now, ZoneOffset.UTC));

        SignedJWT jwt = SignedJWT.parse(auth.appJwt());
        assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) pair.getPublic())))
                .isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("4711");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isBefore(now.plus(Duration.ofMinutes(10)));
        assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant()).isBefore(now);

        assertThatThrownBy(() -> GitHubAuth.privateKey("-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LWJ5dGVz\n-----END"))
                .hasMessage("MIYABI_GITHUB_APP_PRIVATE_KEY is not a PEM RSA private key");
    }

    @Test
    void shouldGiveEveryTaskExactlyOneStatusAgentAndPriorityLabel() {
        assertThat(IssueContent.labels(AgentTaskStatus.WORKING, AgentType.COURSE_GENERATOR, 0))
                .containsExactly("a2a:working", "agent:course_generator", "priority:P2");
        assertThat(IssueContent.priorityLabel(250)).isEqualTo("priority:P0");
        assertThat(IssueContent.priorityLabel(100)).isEqualTo("priority:P0");
        assertThat(IssueContent.priorityLabel(99)).isEqualTo("priority:P1");
        assertThat(IssueContent.priorityLabel(1)).isEqualTo("priority:P1");
        assertThat(IssueContent.priorityLabel(-5)).isEqualTo("priority:P3");
        // Every label the mirror may use has its own colour.
        assertThat(IssueContent.LABELS.values().stream().map(look -> look[0]).distinct())
                .hasSize(IssueContent.LABELS.size());
        UUID task = UUID.randomUUID();
        assertThat(IssueContent.taskOf("text\n" + IssueContent.marker(task) + "\n"))
                .contains(task);
        assertThat(IssueContent.taskOf("no marker")).isEmpty();
    }

    @Test
    void shouldAcceptOnlyTheSignatureOfTheConfiguredSecret() {
        byte[] body = "{\"action\":\"closed\"}".getBytes(StandardCharsets.UTF_8);
        WebhookSignature signature = new WebhookSignature("s3cret");
        assertThat(signature.matches(WebhookSignature.sign("s3cret", body), body))
                .isTrue();
        assertThat(signature.matches(WebhookSignature.sign("other", body), body))
                .isFalse();
        assertThat(signature.matches(WebhookSignature.sign("s3cret", body).replace("sha256=", "sha1="), body))
                .isFalse();
        assertThat(signature.matches(null, body)).isFalse();
        assertThat(new WebhookSignature(null).matches(WebhookSignature.sign("any", body), body))
                .isFalse();
    }

    private static GitHubProperties properties(
            @Nullable String repository,
            @Nullable String token,
            @Nullable String appId,
            @Nullable String appKey,
            @Nullable String webhookSecret) {
        return new GitHubProperties(
                repository,
                token,
                appId,
                appKey,
                URI.create("https://api.github.com"),
                webhookSecret,
                null,
                Duration.ofSeconds(60),
                Duration.ofSeconds(2),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                Duration.ofMinutes(10),
                Duration.ofSeconds(15),
                100);
    }
}
