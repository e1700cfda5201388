package dev.miyabi.platform.identity.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.miyabi.platform.shared.MiyabiHome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.stereotype.Component;

/**
 * The RSA keys that sign (current) and verify (current and retired) access tokens. The key id is
 * the RFC 7638 thumbprint, so every instance configured with the same PEM publishes the same
 * {@code kid}. Without configuration a key is generated once and kept in {@code miyabi.home}.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    static final JWSAlgorithm ALGORITHM = JWSAlgorithm.RS256;

    private final RSAKey signingKey;
    private final JWKSet publicKeys;

    SigningKeys(IdentityProperties properties, @Value("${miyabi.home:.miyabi}") Path home) {
        String pem = properties.jwt().privateKey();
        if (pem == null || pem.isBlank()) {
            pem = loadOrGenerate(MiyabiHome.ensure(home).resolve("jwt-signing-key.pem"));
        }
        this.signingKey = toJwk(privateKey(pem));
        List<JWK> published = new ArrayList<>();
        published.add(signingKey.toPublicJWK());
        for (String previous : properties.jwt().previousPublicKeys()) {
            published.add(toJwk(RsaKeyConverters.x509().convert(stream(previous))));
        }
        this.publicKeys = new JWKSet(published);
    }

    public RSAKey signingKey() {
        return signingKey;
    }

    public JWKSet publicKeys() {
        return publicKeys;
    }

    private static RSAPrivateCrtKey privateKey(String pem) {
        if (!(RsaKeyConverters.pkcs8().convert(stream(pem)) instanceof RSAPrivateCrtKey key)) {
            throw new IllegalStateException("miyabi.jwt.private-key must be a PKCS#8 RSA private key");
        }
        return key;
    }

    private static RSAKey toJwk(RSAPrivateCrtKey privateKey) {
        try {
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            RSAKey key = new RSAKey.Builder(publicKey).privateKey(privateKey).build();
            return new RSAKey.Builder(key)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(ALGORITHM)
                    .keyID(key.computeThumbprint().toString())
                    .build();
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("Cannot use the configured signing key", e);
        }
    }

    private static RSAKey toJwk(RSAPublicKey publicKey) {
        try {
            RSAKey key = new RSAKey.Builder(publicKey).build();
            return new RSAKey.Builder(key)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(ALGORITHM)
                    .keyID(key.computeThumbprint().toString())
                    .build();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot use a configured previous public key", e);
        }
    }

    /** Several instances may share one home directory: a file lock makes exactly one of them generate. */
    private static String loadOrGenerate(Path file) {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            if (Files.exists(file)) {
                return Files.readString(file);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] encoded = generator.generateKeyPair().getPrivate().getEncoded();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(encoded)
                    + "\n-----END PRIVATE KEY-----\n";
            MiyabiHome.writeSecret(file, pem);
            log.info("Generated a new JWT signing key in {}", file.toAbsolutePath());
            return pem;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the signing key " + file.toAbsolutePath(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an RSA signing key", e);
        }
    }

    private static ByteArrayInputStream stream(String pem) {
        return new ByteArrayInputStream(pem.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
