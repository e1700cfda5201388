package dev.miyabi.cli.api;

import dev.miyabi.cli.CliException;
import dev.miyabi.cli.ExitCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * An error answer of the server: its RFC 9457 problem ({@code title}, {@code detail}, {@code code},
 * field {@code errors}), or just the status when the body is not a problem.
 */
public final class ApiException extends CliException {

    private final int status;
    private final String code;
    private final JsonNode problem;

    ApiException(int status, String code, JsonNode problem, String message) {
        super(exitCodeOf(status, code), message);
        this.status = status;
        this.code = code;
        this.problem = problem;
    }

    static ApiException of(int status, JsonNode problem, Optional<String> retryAfter) {
        String code = problem.path("code").asString("http_" + status);
        String title = problem.path("title").asString("HTTP " + status);
        String detail = problem.path("detail").asString("");
        StringBuilder message = new StringBuilder(title);
        if (!detail.isBlank() && !detail.equals(title)) {
            message.append(": ").append(detail);
        }
        message.append(" (").append(code).append(')');
        List<String> fields = new ArrayList<>();
        for (JsonNode error : problem.path("errors")) {
            fields.add(error.path("field").asString("?") + " "
                    + error.path("message").asString(""));
        }
        if (!fields.isEmpty()) {
            message.append(System.lineSeparator()).append("  ").append(String.join("; ", fields));
        }
        retryAfter.ifPresent(
                seconds -> message.append(" — try again in ").append(seconds).append(" s"));
        return new ApiException(status, code, problem, message.toString());
    }

    private static int exitCodeOf(int status, String code) {
        if (status == 401 && !"invalid_credentials".equals(code)) {
            return ExitCodes.NOT_LOGGED_IN;
        }
        return status == 404 ? ExitCodes.NOT_FOUND : ExitCodes.REFUSED;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The problem document (a missing node when the server sent none). */
    public JsonNode problem() {
        return problem;
    }
}
