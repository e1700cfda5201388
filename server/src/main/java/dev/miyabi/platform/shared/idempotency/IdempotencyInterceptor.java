package dev.miyabi.platform.shared.idempotency;

import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.ErrorCodes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the {@link Idempotent} protocol around a handler. Before it: claim the caller's key in a
 * committed transaction of its own (so a concurrent duplicate sees it at once), or replay / refuse.
 * After it: keep the response (any status below 500) for replays, or release the key after a 5xx
 * so that a retry runs again. A key whose request committed its effects but kept no response (its
 * instance died) is answered from the resource the request created ({@link ReplayableResource}).
 */
@Component
class IdempotencyInterceptor implements HandlerInterceptor {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    /** Response headers a replay repeats; the security headers are added to every response anyway. */
    private static final List<String> KEPT_HEADERS =
            List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION, HttpHeaders.ETAG);

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String CLAIM_ATTRIBUTE = IdempotencyInterceptor.class.getName() + ".claim";
    private static final int MAX_KEY_LENGTH = 255;
    private static final Logger log = LoggerFactory.getLogger(IdempotencyInterceptor.class);

    private final IdempotencyKeys keys;
    private final IdempotencyProperties properties;
    private final ObjectProvider<ReplayableResource> resources;
    private final JsonMapper json;

    IdempotencyInterceptor(
            IdempotencyKeys keys,
            IdempotencyProperties properties,
            ObjectProvider<ReplayableResource> resources,
            JsonMapper json) {
        this.keys = keys;
        this.properties = properties;
        this.resources = resources;
        this.json = json;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        // Reads are idempotent by nature; only changes carry the protocol (and the annotation lookup).
        if (SAFE_METHODS.contains(request.getMethod()) || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        Idempotent idempotent = method.getMethodAnnotation(Idempotent.class);
        if (idempotent == null) {
            return true;
        }
        String key = request.getHeader(IdempotencyFilter.HEADER);
        if (key == null || key.isEmpty()) {
            if (idempotent.required()) {
                throw new ApiException(
                        HttpStatus.BAD_REQUEST,
                        ErrorCodes.IDEMPOTENCY_KEY_MISSING,
                        "This request needs an Idempotency-Key header (a unique value per operation, e.g. a UUID)");
            }
            return true;
        }
        if (key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ApiException.validation(
                    IdempotencyFilter.HEADER, "must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters");
        }
        String principal = principal();
        if (principal == null) {
            return true;
        }
        IdempotencyFilter.CachedBodyRequest cached =
                WebUtils.getNativeRequest(request, IdempotencyFilter.CachedBodyRequest.class);
        if (cached == null) {
            throw new IllegalStateException("The idempotency filter did not wrap " + request.getRequestURI());
        }
        String fingerprint = RequestFingerprint.of(
                request.getMethod(),
                request.getRequestURI(),
                request.getQueryString(),
                request.getContentType(),
                body(cached));
        UUID token = UUID.randomUUID();
        // A row can vanish between the failed claim and the read (purged, or released after a 5xx): try again.
        for (int attempt = 0; attempt < 3; attempt++) {
            if (keys.claim(
                    principal,
                    key,
                    fingerprint,
                    request.getMethod(),
                    request.getRequestURI(),
                    token,
                    properties.lockTimeout(),
                    properties.retention())) {
                ActiveClaim claim = new ActiveClaim(principal, key, token);
                request.setAttribute(CLAIM_ATTRIBUTE, claim);
                claim.bind();
                return true;
            }
            Optional<IdempotencyKeys.StoredKey> stored = keys.find(principal, key);
            if (stored.isPresent()) {
                return answerFromStored(stored.get(), fingerprint, response);
            }
        }
        throw new ApiException(
                HttpStatus.CONFLICT,
                ErrorCodes.IDEMPOTENCY_KEY_IN_USE,
                "Another request with this Idempotency-Key is running; retry later");
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable Exception ex) {
        if (!(request.getAttribute(CLAIM_ATTRIBUTE) instanceof ActiveClaim claim)) {
            return;
        }
        request.removeAttribute(CLAIM_ATTRIBUTE);
        ActiveClaim.unbind();
        ContentCachingResponseWrapper buffered =
                WebUtils.getNativeResponse(response, ContentCachingResponseWrapper.class);
        int status = response.getStatus();
        boolean failed = ex != null || status >= 500 || buffered == null;
        if (failed && keys.release(claim.principal(), claim.key(), claim.token())) {
            return;
        }
        // A 5xx after data was changed is kept too: running the request again could change it twice.
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            String value = response.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        byte[] body = buffered == null ? new byte[0] : buffered.getContentAsByteArray();
        int kept = ex != null ? HttpStatus.INTERNAL_SERVER_ERROR.value() : status;
        if (!keys.complete(claim.principal(), claim.key(), claim.token(), kept, headers, body)) {
            log.warn(
                    "Idempotency key of {} for {} {} was taken over before its response was kept",
                    claim.principal(),
                    request.getMethod(),
                    request.getRequestURI());
        }
    }

    private boolean answerFromStored(IdempotencyKeys.StoredKey stored, String fingerprint, HttpServletResponse response)
            throws IOException {
        if (!stored.fingerprint().equals(fingerprint)) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    ErrorCodes.IDEMPOTENCY_KEY_REUSE,
                    "This Idempotency-Key was used for a different request; use a new key for a new request");
        }
        if (!stored.completed() || stored.responseStatus() == null) {
            if (stored.effectsCommitted() && answerFromResource(stored, response)) {
                return false;
            }
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    ErrorCodes.IDEMPOTENCY_KEY_IN_USE,
                    stored.effectsCommitted() && !stored.locked()
                            ? "The first request with this Idempotency-Key changed data but its response was"
                                    + " lost; look the resource up instead of retrying"
                            : "The first request with this Idempotency-Key is still running; retry later");
        }
        response.setStatus(stored.responseStatus());
        stored.responseHeaders().forEach(response::setHeader);
        response.setHeader(REPLAYED_HEADER, "true");
        byte[] body = stored.responseBody();
        if (body != null && body.length > 0) {
            response.getOutputStream().write(body);
        }
        return false;
    }

    /**
     * The first request committed its effects but its response is not kept: it is still running, or it
     * died. Answer from the resource it created when its outcome is settled (the same answer the first
     * request gives), or with 202 and the resource as it stands once the first request no longer holds
     * the key; false (409) while the outcome is unknown and the first request may still be running.
     */
    private boolean answerFromResource(IdempotencyKeys.StoredKey stored, HttpServletResponse response)
            throws IOException {
        if (stored.resourceType() == null || stored.resourceId() == null) {
            return false;
        }
        String type = stored.resourceType();
        ReplayableResource resource = resources
                .orderedStream()
                .filter(candidate -> candidate.type().equals(type))
                .findFirst()
                .orElse(null);
        if (resource == null) {
            return false;
        }
        Optional<ResourceAnswer> found;
        try {
            found = resource.answer(stored.resourceId());
        } catch (RuntimeException refusal) {
            // The first request's refusal (a declined payment): answered by the problem handler, as a replay.
            response.setHeader(REPLAYED_HEADER, "true");
            throw refusal;
        }
        if (found.isEmpty() || (!found.get().settled() && stored.locked())) {
            return false;
        }
        ResourceAnswer answer = found.get();
        response.setStatus(answer.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        if (answer.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, answer.location().toString());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        response.getOutputStream().write(json.writeValueAsBytes(answer.body()));
        return true;
    }

    private static byte[] body(IdempotencyFilter.CachedBodyRequest request) {
        try {
            return request.body();
        } catch (IOException e) {
            // Let the problem handler answer it like any unreadable body (413 when it is too large).
            throw new HttpMessageNotReadableException(
                    "The request body could not be read", e, new ServletServerHttpRequest(request));
        }
    }

    private static @Nullable String principal() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return authentication.getName();
    }
}
