package dev.miyabi.platform.identity.internal;

import dev.miyabi.platform.identity.Role;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** Signs access tokens and mints opaque refresh tokens. */
@Component
class TokenIssuer {

    static final String ROLES_CLAIM = "roles";
    static final String EMAIL_CLAIM = "email";

    private final JwtEncoder encoder;
    private final SigningKeys keys;
    private final IdentityProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    TokenIssuer(JwtEncoder encoder, SigningKeys keys, IdentityProperties properties, Clock clock) {
        this.encoder = encoder;
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    String accessToken(UserAccount user) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.jwt().issuer())
                .subject(user.id().toString())
                .audience(List.of(IdentityProperties.AUDIENCE))
                .issuedAt(now)
                .expiresAt(now.plus(properties.auth().accessTokenTtl()))
                .id(UUID.randomUUID().toString())
                .claim(EMAIL_CLAIM, user.email())
                .claim(
                        ROLES_CLAIM,
                        user.roles().stream().map(Role::value).sorted().toList())
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256)
                .keyId(keys.signingKey().getKeyID())
                .type("JWT")
                .build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    long accessTokenTtlSeconds() {
        return properties.auth().accessTokenTtl().toSeconds();
    }

    /** 256 random bits; only their SHA-256 is ever stored. */
    String newRefreshToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
