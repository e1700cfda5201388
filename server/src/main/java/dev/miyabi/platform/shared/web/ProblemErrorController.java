package dev.miyabi.platform.shared.web;

import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.ErrorCodes;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Optional;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's whitelabel/JSON error page: whatever reaches the servlet container's error
 * dispatch (a filter's failure, a malformed URL) is answered as problem+json too.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

    @RequestMapping(
            value = "${server.error.path:/error}",
            produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE
            })
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : HttpStatus.INTERNAL_SERVER_ERROR.value();
        if (status < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR.value();
        }
        Optional<ApiException> noDatabase = status == HttpStatus.INTERNAL_SERVER_ERROR.value()
                        && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                ? DatabaseUnavailable.refusal(failure)
                : Optional.empty();
        if (noDatabase.isPresent()) {
            status = noDatabase.get().status().value();
        }
        HttpStatus resolved = HttpStatus.resolve(status);
        String detail = noDatabase.isPresent()
                ? noDatabase.get().getMessage()
                : status >= 500
                        ? "An unexpected error occurred; it has been logged"
                        : resolved != null ? resolved.getReasonPhrase() : "Request failed";
        ProblemDetail problem =
                ProblemResponses.problem(HttpStatus.valueOf(status), ErrorCodes.forStatus(status), detail);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path) {
            problem.setInstance(URI.create(path));
        }
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        noDatabase.ifPresent(refusal -> response.header(
                HttpHeaders.RETRY_AFTER, Long.toString(refusal.retryAfter().toSeconds())));
        return response.body(problem);
    }
}
