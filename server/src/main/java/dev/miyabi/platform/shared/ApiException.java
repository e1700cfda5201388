package dev.miyabi.platform.shared;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A failure a client caused or can act on. It becomes an RFC 9457 problem response with the
 * stable {@code code} of the API contract; modules throw it (or a subclass named for the rule)
 * instead of returning error values.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final List<FieldViolation> errors;
    private final Map<String, Object> properties;
    private final @Nullable Duration retryAfter;

    public ApiException(HttpStatus status, String code, String detail) {
        this(status, code, detail, List.of(), Map.of(), null);
    }

    public ApiException(
            HttpStatus status,
            String code,
            String detail,
            List<FieldViolation> errors,
            Map<String, Object> properties,
            @Nullable Duration retryAfter) {
        super(detail);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
        this.properties = new LinkedHashMap<>(properties);
        this.retryAfter = retryAfter;
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, ErrorCodes.NOT_FOUND, what + " not found");
    }

    public static ApiException validation(List<FieldViolation> errors) {
        return new ApiException(
                HttpStatus.BAD_REQUEST,
                ErrorCodes.VALIDATION_FAILED,
                "The request has invalid fields",
                errors,
                Map.of(),
                null);
    }

    public static ApiException validation(String field, String message) {
        return validation(List.of(new FieldViolation(field, message)));
    }

    public static ApiException rateLimited(String code, String detail, Duration retryAfter) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, code, detail, List.of(), Map.of(), retryAfter);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldViolation> errors() {
        return errors;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
