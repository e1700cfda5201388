package dev.miyabi.platform.shared.web;

import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.FieldViolation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * What every API request is checked for before its handler acts:
 *
 * <ul>
 *   <li>a change (POST, PUT, PATCH, DELETE) whose {@code Accept} admits no JSON answer is 406 {@code
 *       not_acceptable} at once — answered after the handler, the change would be made and then reported as
 *       refused;
 *   <li>a query parameter holding the NUL character ({@code %00}) is 400 {@code validation_failed}: no
 *       PostgreSQL text can hold it.
 * </ul>
 */
class RequestChecks implements HandlerInterceptor {

    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final List<MediaType> ANSWERS =
            List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpMediaTypeNotAcceptableException {
        String query = request.getQueryString();
        if (query != null && query.contains("%00")) {
            List<FieldViolation> errors = new ArrayList<>();
            for (String parameter : query.split("&")) {
                if (parameter.contains("%00")) {
                    errors.add(
                            new FieldViolation(name(parameter.split("=", 2)[0]), "must not contain the NUL character"));
                }
            }
            throw ApiException.validation(errors);
        }
        if (CHANGES.contains(request.getMethod()) && !acceptsJson(request)) {
            throw new HttpMediaTypeNotAcceptableException(ANSWERS);
        }
        return true;
    }

    private static String name(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8).replace("\0", "");
        } catch (IllegalArgumentException malformed) {
            return encoded;
        }
    }

    private static boolean acceptsJson(HttpServletRequest request) throws HttpMediaTypeNotAcceptableException {
        List<String> accept = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        if (accept.isEmpty()) {
            return true;
        }
        try {
            List<MediaType> accepted = MediaType.parseMediaTypes(accept);
            return accepted.isEmpty()
                    || accepted.stream().anyMatch(type -> ANSWERS.stream().anyMatch(type::isCompatibleWith));
        } catch (InvalidMediaTypeException unreadable) {
            throw new HttpMediaTypeNotAcceptableException(
                    "Could not parse the Accept header: " + unreadable.getMessage());
        }
    }
}
