package dev.miyabi.platform.identity.internal;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Stateless bearer-token security for the whole API. Which paths are public is decided here, in
 * one list; role rules live next to the endpoints ({@code @PreAuthorize}). Every 401 and 403 is a
 * problem+json answer.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    /** Endpoints any caller may use without a token. */
    private static final String[] PUBLIC_POST = {"/api/payments/webhooks/**", "/api/integrations/github/webhook"};

    private static final String[] PUBLIC_GET = {
        "/.well-known/jwks.json",
        "/api/products",
        "/api/products/*",
        "/api/search",
        "/actuator/health",
        "/actuator/health/**",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/swagger-ui.html",
        "/swagger-ui/**",
        "/ws"
    };

    /** The path Prometheus scrapes: for admins, and for a scraper holding {@code miyabi.metrics.token}. */
    static final String PROMETHEUS = "/actuator/prometheus";

    private static final String METRICS_ROLE = "METRICS";

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            JwtDecoder decoder,
            ProblemResponses problems,
            Principals principals,
            @Value("${miyabi.metrics.token:}") String metricsToken)
            throws Exception {
        AuthenticationEntryPoint unauthorized = unauthorized(problems);
        AccessDeniedHandler forbidden = forbidden(problems);
        http.csrf(csrf -> csrf.disable())
                .cors(cors -> {})
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .headers(headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives(
                                        "default-src 'self'; script-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                                + "connect-src 'self' ws: wss:; frame-ancestors 'none'; object-src 'none'; base-uri 'self'"))
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.deny()))
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/error")
                        .permitAll()
                        .requestMatchers(HttpMethod.OPTIONS, "/**")
                        .permitAll()
                        .requestMatchers("/api/auth/me", "/api/auth/me/**")
                        .authenticated()
                        .requestMatchers("/api/auth/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, PUBLIC_POST)
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, PUBLIC_GET)
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, PROMETHEUS)
                        .hasAnyRole(Role.ADMIN.value(), METRICS_ROLE)
                        .requestMatchers("/api/admin/**", "/actuator/**")
                        .hasRole(Role.ADMIN.value())
                        .requestMatchers("/api/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(authenticationManagers(decoder, principals, metricsToken))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
        return http.build();
    }

    /**
     * Access tokens everywhere; on {@link #PROMETHEUS} also the metrics token, compared in constant time.
     * Without a configured token only admins can read the metrics.
     */
    private static AuthenticationManagerResolver<HttpServletRequest> authenticationManagers(
            JwtDecoder decoder, Principals principals, String metricsToken) {
        JwtAuthenticationProvider jwt = new JwtAuthenticationProvider(decoder);
        jwt.setJwtAuthenticationConverter(authenticationConverter(principals));
        AuthenticationManager tokens = new ProviderManager(jwt);
        byte[] expected = metricsToken.getBytes(StandardCharsets.UTF_8);
        AuthenticationManager metrics = authentication -> {
            if (expected.length > 0
                    && authentication instanceof BearerTokenAuthenticationToken bearer
                    && MessageDigest.isEqual(expected, bearer.getToken().getBytes(StandardCharsets.UTF_8))) {
                return new PreAuthenticatedAuthenticationToken(
                        "metrics-scraper", null, List.of(new SimpleGrantedAuthority("ROLE_" + METRICS_ROLE)));
            }
            return tokens.authenticate(authentication);
        };
        return request -> PROMETHEUS.equals(request.getRequestURI()) ? metrics : tokens;
    }

    /** 401 with the bearer challenge ({@code WWW-Authenticate}) and a problem body. */
    private static AuthenticationEntryPoint unauthorized(ProblemResponses problems) {
        var bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, exception) -> {
            bearer.commence(request, response, exception);
            problems.write(
                    response,
                    ProblemResponses.problem(
                            HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHORIZED, "A valid access token is required"),
                    request.getRequestURI());
        };
    }

    private static AccessDeniedHandler forbidden(ProblemResponses problems) {
        var bearer = new BearerTokenAccessDeniedHandler();
        return (request, response, exception) -> {
            bearer.handle(request, response, exception);
            problems.write(
                    response,
                    ProblemResponses.problem(
                            HttpStatus.FORBIDDEN, ErrorCodes.FORBIDDEN, "You do not have the role this needs"),
                    request.getRequestURI());
        };
    }

    /** Accepts only RS256 tokens signed by one of our keys, with our issuer and audience, not expired. */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, IdentityProperties properties, Clock clock) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(SigningKeys.ALGORITHM, new ImmutableJWKSet<>(keys.publicKeys())));
        // Claims are checked by Spring's validators below, with one clock.
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(30));
        timestamps.setClock(clock);
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(List.of(
                timestamps,
                new JwtIssuerValidator(properties.jwt().issuer()),
                new JwtClaimValidator<List<String>>(
                        JwtClaimNames.AUD,
                        audience -> audience != null && audience.contains(IdentityProperties.AUDIENCE)),
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, expiry -> expiry != null),
                new JwtClaimValidator<Object>(JwtClaimNames.SUB, subject -> subject != null)));
        decoder.setJwtValidator(validator);
        return decoder;
    }

    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.signingKey())));
    }

    /**
     * Argon2id with m = 19 MiB, t = 2, p = 1 (the OWASP minimum). The whole password counts: Argon2
     * has no 72-byte limit.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(IdentityProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> origins = properties.cors().allowedOrigins();
        if (!origins.isEmpty()) {
            CorsConfiguration configuration = new CorsConfiguration();
            configuration.setAllowedOrigins(origins);
            configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
            configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "If-Match"));
            configuration.setExposedHeaders(List.of("Location", "Retry-After", "Idempotent-Replayed", "ETag"));
            configuration.setMaxAge(Duration.ofHours(1));
            source.registerCorsConfiguration("/api/**", configuration);
            source.registerCorsConfiguration("/.well-known/**", configuration);
        }
        return source;
    }

    /**
     * The roles of the token's user as authorities ({@link Principals#roles}); a token whose user does not
     * exist is refused like an invalid one.
     */
    private static JwtAuthenticationConverter authenticationConverter(Principals principals) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            Set<Role> roles;
            try {
                roles = principals.roles(jwt).orElseThrow(() -> new InvalidBearerTokenException("Unknown user"));
            } catch (IllegalArgumentException e) {
                throw new InvalidBearerTokenException("The subject is no user id");
            }
            List<GrantedAuthority> authorities = new ArrayList<>();
            roles.forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
            return authorities;
        });
        return converter;
    }
}
