package dev.miyabi.platform.shared.web;

import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.DomainConflict;
import dev.miyabi.platform.shared.DomainException;
import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.FieldViolation;
import dev.miyabi.platform.shared.LimitReached;
import dev.miyabi.platform.shared.NotAuthenticated;
import dev.miyabi.platform.shared.NotPermitted;
import dev.miyabi.platform.shared.NotProcessable;
import dev.miyabi.platform.shared.TemporarilyUnavailable;
import dev.miyabi.platform.shared.TooLarge;
import dev.miyabi.platform.shared.UnsupportedContent;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * The one place where exceptions become RFC 9457 problem responses. Every answer carries a stable
 * {@code code}; field rules carry {@code errors[]}; nothing a client sends yields a 500.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handleApiException(ApiException ex, HttpServletRequest request) {
        ProblemDetail problem = ProblemResponses.problem(ex.status(), ex.code(), ex.getMessage());
        if (!ex.errors().isEmpty()) {
            problem.setProperty("errors", ex.errors());
        }
        ex.properties().forEach(problem::setProperty);
        problem.setInstance(URI.create(request.getRequestURI()));
        ResponseEntity.BodyBuilder response = ResponseEntity.status(ex.status());
        if (ex.retryAfter() != null) {
            response.header(
                    HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, ex.retryAfter().toSeconds())));
        }
        return response.body(problem);
    }

    /** A refused rule of the domain, with the status of its kind (see {@link DomainException}). */
    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> handleDomainException(DomainException ex, HttpServletRequest request) {
        HttpStatus status = switch (ex) {
            case NotAuthenticated unknown -> HttpStatus.UNAUTHORIZED;
            case NotPermitted forbidden -> HttpStatus.FORBIDDEN;
            case DomainConflict conflict -> HttpStatus.CONFLICT;
            case TooLarge tooLarge -> HttpStatus.CONTENT_TOO_LARGE;
            case UnsupportedContent unsupported -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case NotProcessable unusable -> HttpStatus.UNPROCESSABLE_CONTENT;
            case LimitReached limited -> HttpStatus.TOO_MANY_REQUESTS;
            case TemporarilyUnavailable unavailable -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        ProblemDetail problem = ProblemResponses.problem(status, ex.code(), ex.getMessage());
        if (!ex.errors().isEmpty()) {
            problem.setProperty("errors", ex.errors());
        }
        ex.properties().forEach(problem::setProperty);
        problem.setInstance(URI.create(request.getRequestURI()));
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (ex.retryAfter() != null) {
            response.header(
                    HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, ex.retryAfter().toSeconds())));
        }
        return response.body(problem);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> handleAccessDenied(AccessDeniedException ex, HttpServletRequest request) {
        return respond(HttpStatus.FORBIDDEN, ErrorCodes.FORBIDDEN, "You do not have the role this needs", request);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> handleAuthentication(AuthenticationException ex, HttpServletRequest request) {
        return respond(HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHORIZED, "Authentication is required", request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> handleTypeMismatch(
            MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
        ProblemDetail problem = ProblemResponses.problem(
                HttpStatus.BAD_REQUEST, ErrorCodes.VALIDATION_FAILED, "The request has invalid fields");
        problem.setProperty("errors", List.of(new FieldViolation(ex.getName(), expected(ex.getRequiredType()))));
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.badRequest().body(problem);
    }

    /** Parameters Tomcat cannot read: percent-encoded bytes that are not UTF-8, or too many of them. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> handleUnreadableParameters(InvalidParameterException ex, HttpServletRequest request) {
        HttpStatus status = ex.getErrorCode() >= 400 && HttpStatus.resolve(ex.getErrorCode()) != null
                ? HttpStatus.valueOf(ex.getErrorCode())
                : HttpStatus.BAD_REQUEST;
        return respond(
                status,
                status == HttpStatus.BAD_REQUEST ? ErrorCodes.MALFORMED_REQUEST : ErrorCodes.forStatus(status.value()),
                "The query parameters could not be read: they are not valid UTF-8, or there are too many",
                request);
    }

    /** No database connection (the pool busy past the request's wait, or PostgreSQL unreachable): 503. */
    @ExceptionHandler({CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> handleNoDatabaseConnection(Exception ex, HttpServletRequest request) {
        return handleUnexpected(ex, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception ex, HttpServletRequest request) {
        Optional<ApiException> noDatabase = DatabaseUnavailable.refusal(ex);
        if (noDatabase.isPresent()) {
            // Not a line per refused request: under overload or an outage that would be thousands a second
            // (the pool and the readiness probe say why; the 503s are counted in http.server.requests).
            log.debug("No database for {} {}: {}", request.getMethod(), request.getRequestURI(), ex.toString());
            return handleApiException(noDatabase.get(), request);
        }
        log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), ex);
        return respond(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ErrorCodes.INTERNAL_ERROR,
                "An unexpected error occurred; it has been logged",
                request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(new FieldViolation(error.getField(), messageOf(error)));
        }
        ex.getBindingResult()
                .getGlobalErrors()
                .forEach(error -> errors.add(new FieldViolation(error.getObjectName(), messageOf(error))));
        return validationProblem(errors, headers, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors()
                    .forEach(
                            error -> errors.add(new FieldViolation(name == null ? "request" : name, messageOf(error))));
        });
        return validationProblem(errors, headers, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return validationProblem(List.of(new FieldViolation(ex.getParameterName(), "is required")), headers, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedBy(ex, RequestBodyLimitFilter.PayloadTooLargeException.class)) {
            return handleExceptionInternal(
                    ex,
                    ProblemResponses.problem(
                            HttpStatus.CONTENT_TOO_LARGE,
                            ErrorCodes.PAYLOAD_TOO_LARGE,
                            "The request body is larger than the limit"),
                    headers,
                    HttpStatus.CONTENT_TOO_LARGE,
                    request);
        }
        Optional<FieldViolation> unknownValue = unknownValue(ex);
        if (unknownValue.isPresent()) {
            return validationProblem(List.of(unknownValue.get()), headers, request);
        }
        ProblemDetail problem = ProblemResponses.problem(
                HttpStatus.BAD_REQUEST,
                ErrorCodes.MALFORMED_REQUEST,
                "The request body is missing, is not valid JSON, is not a JSON object, or has a value of the wrong JSON type");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemResponses.problem(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
                "Content type '" + ex.getContentType() + "' is not supported; send application/json");
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemResponses.problem(
                HttpStatus.NOT_FOUND,
                ErrorCodes.NOT_FOUND,
                "No endpoint " + ex.getHttpMethod() + " /" + ex.getResourcePath());
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    /** Every other Spring MVC exception: keep Spring's status and detail, add the contract's code. */
    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(
            Exception ex, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem =
                body instanceof ProblemDetail given ? given : ProblemResponses.problem(status, ex.getMessage());
        if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
            String code = ex instanceof MissingRequestHeaderException
                    ? ErrorCodes.VALIDATION_FAILED
                    : ErrorCodes.forStatus(status.value());
            problem.setProperty("code", code);
            problem.setType(URI.create(ProblemResponses.TYPE_PREFIX + code));
        }
        if (request instanceof ServletWebRequest servlet) {
            problem.setInstance(URI.create(servlet.getRequest().getRequestURI()));
        }
        return super.handleExceptionInternal(ex, problem, headers, status, request);
    }

    private @Nullable ResponseEntity<Object> validationProblem(
            List<FieldViolation> errors, HttpHeaders headers, WebRequest request) {
        ApiException ex = ApiException.validation(errors);
        ProblemDetail problem = ProblemResponses.problem(ex.status(), ex.code(), ex.getMessage());
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, ex.status(), request);
    }

    private ResponseEntity<ProblemDetail> respond(
            HttpStatus status, String code, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemResponses.problem(status, code, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(status).body(problem);
    }

    private static String messageOf(MessageSourceResolvable error) {
        String message = error.getDefaultMessage();
        return message == null ? "is invalid" : message;
    }

    /**
     * A JSON text that does not name a value of its field's type (a malformed UUID, an unknown enum value):
     * a field rule broken, so {@code validation_failed} naming the field by its JSON path ({@code
     * stages[1].mode}). A value of the wrong JSON type ({@code 123} for a text, {@code "12"} for an integer)
     * is no field rule but a malformed request (the contract's {@code malformed_request}): empty then.
     */
    private static Optional<FieldViolation> unknownValue(HttpMessageNotReadableException ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof InvalidFormatException invalid
                    && invalid.getValue() instanceof String
                    && invalid.getTargetType() != null
                    && (invalid.getTargetType() == UUID.class
                            || invalid.getTargetType().isEnum())) {
                String field = pathOf(invalid.getPath());
                return field.isEmpty()
                        ? Optional.empty()
                        : Optional.of(new FieldViolation(field, expected(invalid.getTargetType())));
            }
        }
        return Optional.empty();
    }

    private static String pathOf(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference step : path) {
            if (step.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(step.getPropertyName());
            } else if (step.getIndex() >= 0) {
                field.append('[').append(step.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static String expected(@Nullable Class<?> type) {
        if (type == null) {
            return "has an invalid value";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type.isEnum()) {
            return "must be one of " + String.join(", ", EnumWireNames.names(type));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        return "has an invalid value";
    }

    private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
