package dev.miyabi.platform.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTests {

    @TempDir
    Path home;

    @Test
    void aGeneratedKeyIsKeptOwnerOnlyAndReusedOnTheNextStart() throws Exception {
        SigningKeys first = new SigningKeys(properties(null, List.of()), home);
        SigningKeys second = new SigningKeys(properties(null, List.of()), home);

        Path file = home.resolve("jwt-signing-key.pem");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(second.signingKey().getKeyID()).isEqualTo(first.signingKey().getKeyID());
    }

    @Test
    void instancesConfiguredWithTheSamePemShareTheKeyId() throws Exception {
        String pem = Files.readString(generatedPem());

        SigningKeys a = new SigningKeys(properties(pem, List.of()), home.resolve("a"));
        SigningKeys b = new SigningKeys(properties(pem, List.of()), home.resolve("b"));

        assertThat(a.signingKey().getKeyID()).isEqualTo(b.signingKey().getKeyID());
        assertThat(Files.exists(home.resolve("a/jwt-signing-key.pem")))
                .as("nothing generated")
                .isFalse();
    }

    @Test
    void retiredPublicKeysArePublishedForVerification() throws Exception {
        SigningKeys old = new SigningKeys(properties(null, List.of()), home.resolve("old"));
        String oldPublicPem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(old.signingKey().toRSAPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";

        SigningKeys current = new SigningKeys(properties(null, List.of(oldPublicPem)), home.resolve("new"));

        assertThat(current.publicKeys().getKeys()).hasSize(2);
        assertThat(current.publicKeys().getKeyByKeyId(old.signingKey().getKeyID()))
                .isNotNull();
        assertThat(current.publicKeys().getKeys()).allMatch(key -> !key.isPrivate());
    }

    private Path generatedPem() {
        new SigningKeys(properties(null, List.of()), home.resolve("source"));
        return home.resolve("source/jwt-signing-key.pem");
    }

    private static IdentityProperties properties(String pem, List<String> previous) {
        return new IdentityProperties(
                new IdentityProperties.Jwt("miyabi", pem, previous),
                new IdentityProperties.Auth(
                        java.time.Duration.ofMinutes(15),
                        java.time.Duration.ofDays(30),
                        java.time.Duration.ofDays(90),
                        5,
                        50,
                        java.time.Duration.ofMinutes(15),
                        java.time.Duration.ofSeconds(30),
                        20,
                        java.time.Duration.ofHours(1),
                        java.time.Duration.ofMinutes(30),
                        10,
                        3),
                new IdentityProperties.Admin("admin@miyabi.local", null),
                new IdentityProperties.Cors(List.of()),
                null,
                new IdentityProperties.Mail("Miyabi <no-reply@miyabi.local>"));
    }
}
