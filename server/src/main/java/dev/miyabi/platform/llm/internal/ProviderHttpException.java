package dev.miyabi.platform.llm.internal;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A non-2xx answer that keeps what LangChain4j's {@link HttpException} drops: the {@code
 * Retry-After} the server sent. LangChain4j maps it by status (429 → RateLimitException, ...) and
 * keeps it as the cause, where the providers find it again.
 */
final class ProviderHttpException extends HttpException {

    private static final int MAX_BODY = 500;

    private final transient @Nullable Duration retryAfter;

    ProviderHttpException(int statusCode, String body, @Nullable Duration retryAfter) {
        super(statusCode, "HTTP " + statusCode + ": " + abbreviate(body));
        this.retryAfter = retryAfter;
    }

    @Nullable
    Duration retryAfter() {
        return retryAfter;
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_BODY ? oneLine : oneLine.substring(0, MAX_BODY) + "…";
    }
}
