package dev.miyabi.platform.identity;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.IntegrationTest;
import dev.miyabi.platform.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** One's own account: a forgotten password, a new password, one's name. */
class AccountIntegrationTests extends IntegrationTest {

    private static final Pattern LINK = Pattern.compile("(\\S+/reset-password)#token=([A-Za-z0-9_-]+)");
    private static final String NEW_PASSWORD = "a brand new password";

    @AfterEach
    void forgetCounters() {
        jdbc.sql("DELETE FROM login_failures").update();
        jdbc.sql("DELETE FROM rate_counters").update();
    }

    @Test
    void aResetLinkByMailSetsANewPasswordOnceAndEndsEverySession() throws Exception {
        Session user = register();
        Session otherDevice = login(user.email(), PASSWORD);

        Api.Response requested = requestReset(user.email());
        assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
        String token = awaitToken(user.email());

        // Hashed at rest: the database holds the token's SHA-256, never the token.
        assertThat(jdbc.sql("SELECT count(*) FROM password_resets WHERE token_hash = :raw")
                        .param("raw", token.getBytes(StandardCharsets.UTF_8))
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM password_resets WHERE token_hash = sha256(convert_to(:token, 'UTF8'))"
                                + " AND expires_at <= now() + INTERVAL '30 minutes'")
                        .param("token", token)
                        .query(Long.class)
                        .single())
                .isOne();

        assertThat(confirm(token, NEW_PASSWORD).status()).isEqualTo(204);

        for (String refresh : List.of(user.refreshToken(), otherDevice.refreshToken())) {
            assertProblem(
                    api.post("/api/auth/refresh")
                            .json(Map.of("refreshToken", refresh))
                            .send(),
                    401,
                    "unauthorized");
        }
        assertProblem(
                api.post("/api/auth/login")
                        .json(Map.of("email", user.email(), "password", PASSWORD))
                        .send(),
                401,
                "invalid_credentials");
        assertThat(login(user.email(), NEW_PASSWORD).accessToken()).isNotBlank();

        JsonNode reused = assertProblem(confirm(token, "yet another password"), 400, "validation_failed");
        assertThat(reused.path("errors").toString()).contains("token");
        assertThat(login(user.email(), NEW_PASSWORD).accessToken()).isNotBlank();
    }

    @Test
    void anUnknownEmailGetsTheSameAnswerAndNoLink() {
        String unknown = "nobody-" + UUID.randomUUID() + "@example.test";
        Session known = register();

        Api.Response forUnknown = requestReset(unknown);
        Api.Response forKnown = requestReset(known.email());

        assertThat(forUnknown.status()).isEqualTo(202);
        assertThat(forKnown.status()).isEqualTo(202);
        assertThat(forUnknown.body()).isEqualTo(forKnown.body());
        awaitToken(known.email());
        assertThat(TestMail.to(unknown)).isEmpty();
    }

    @Test
    void anExpiredOrMadeUpLinkIsRefused() {
        Session user = register();
        requestReset(user.email());
        String token = awaitToken(user.email());
        jdbc.sql("UPDATE password_resets SET expires_at = now() - INTERVAL '1 second' WHERE user_id = :user")
                .param("user", user.id())
                .update();

        assertProblem(confirm(token, NEW_PASSWORD), 400, "validation_failed");
        assertProblem(confirm("made-up-token", NEW_PASSWORD), 400, "validation_failed");
        assertProblem(confirm(token, "short"), 400, "validation_failed");
        assertThat(login(user.email(), PASSWORD).accessToken()).isNotBlank();
    }

    @Test
    void aResetIsTheWayOutOfASignInBlock() {
        Session user = register();
        for (int i = 0; i < 6; i++) {
            api.post("/api/auth/login")
                    .json(Map.of("email", user.email(), "password", "wrong password"))
                    .send();
        }
        assertProblem(
                api.post("/api/auth/login")
                        .json(Map.of("email", user.email(), "password", PASSWORD))
                        .send(),
                429,
                "rate_limited");

        requestReset(user.email());
        assertThat(confirm(awaitToken(user.email()), NEW_PASSWORD).status()).isEqualTo(204);

        assertThat(login(user.email(), NEW_PASSWORD).accessToken()).isNotBlank();
    }

    @Test
    void resetRequestsAreLimitedPerAccountAndPerAddress() {
        Session user = register();
        for (int i = 0; i < 5; i++) {
            assertThat(requestReset(user.email()).status()).isEqualTo(202);
        }
        // Three links an hour at most reach one account; the other requests look the same but send nothing.
        assertThat(jdbc.sql("SELECT count(*) FROM password_resets WHERE user_id = :user")
                        .param("user", user.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(3);

        for (int i = 0; i < 5; i++) {
            requestReset("someone-" + i + "-" + UUID.randomUUID() + "@example.test");
        }
        // Ten requests an hour from one address; the eleventh is refused.
        Api.Response refused = requestReset("someone-else-" + UUID.randomUUID() + "@example.test");
        assertProblem(refused, 429, "rate_limited");
        assertThat(refused.header("Retry-After")).isPresent();
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsTheOtherSessions() {
        Session user = register();
        Session otherDevice = login(user.email(), PASSWORD);

        JsonNode wrong = assertProblem(changePassword(user, "not my password", NEW_PASSWORD), 400, "validation_failed");
        assertThat(wrong.path("errors").toString()).contains("currentPassword");
        assertProblem(changePassword(user, PASSWORD, "short"), 400, "validation_failed");
        assertProblem(
                api.post("/api/auth/me/password")
                        .json(Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD))
                        .send(),
                401,
                "unauthorized");

        Api.Response changed = changePassword(user, PASSWORD, NEW_PASSWORD);

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        Session current = session(changed.json());
        assertThat(api.post("/api/auth/refresh")
                        .json(Map.of("refreshToken", current.refreshToken()))
                        .send()
                        .status())
                .isEqualTo(200);
        for (String refresh : List.of(user.refreshToken(), otherDevice.refreshToken())) {
            assertProblem(
                    api.post("/api/auth/refresh")
                            .json(Map.of("refreshToken", refresh))
                            .send(),
                    401,
                    "unauthorized");
        }
        assertThat(login(user.email(), NEW_PASSWORD).accessToken()).isNotBlank();
    }

    @Test
    void wrongCurrentPasswordsCountAsFailedSignIns() {
        Session user = register();
        for (int i = 0; i < 5; i++) {
            assertProblem(changePassword(user, "guess " + i, NEW_PASSWORD), 400, "validation_failed");
        }

        assertProblem(changePassword(user, PASSWORD, NEW_PASSWORD), 429, "rate_limited");
    }

    @Test
    void aUserChangesTheirName() {
        Session user = register();

        Api.Response renamed = api.patch("/api/auth/me")
                .token(user.accessToken())
                .json(Map.of("name", "  Aiko Tanaka "))
                .send();

        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.text("name")).isEqualTo("Aiko Tanaka");
        assertThat(api.get("/api/auth/me").token(user.accessToken()).send().text("name"))
                .isEqualTo("Aiko Tanaka");
        assertProblem(
                api.patch("/api/auth/me")
                        .token(user.accessToken())
                        .json(Map.of("name", " "))
                        .send(),
                400,
                "validation_failed");
        assertProblem(
                api.patch("/api/auth/me")
                        .token(user.accessToken())
                        .json(Map.of("name", "x".repeat(256)))
                        .send(),
                400,
                "validation_failed");
        assertProblem(api.patch("/api/auth/me").json(Map.of("name", "Anyone")).send(), 401, "unauthorized");
    }

    private Api.Response requestReset(String email) {
        return api.post("/api/auth/password-reset").json(Map.of("email", email)).send();
    }

    private Api.Response confirm(String token, String password) {
        return api.post("/api/auth/password-reset/confirm")
                .json(Map.of("token", token, "password", password))
                .send();
    }

    private Api.Response changePassword(Session user, String current, String next) {
        return api.post("/api/auth/me/password")
                .token(user.accessToken())
                .json(Map.of("currentPassword", current, "newPassword", next))
                .send();
    }

    /** The token of the newest reset link mailed to {@code email}. */
    private static String awaitToken(String email) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !TestMail.to(email).isEmpty());
        List<MimeMessage> mails = TestMail.to(email);
        try {
            MimeMessage mail = mails.getLast();
            assertThat(mail.getSubject()).isEqualTo("Reset your Miyabi password");
            Matcher link = LINK.matcher((String) mail.getContent());
            assertThat(link.find()).as("a reset link in the mail").isTrue();
            return link.group(2);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
