package dev.miyabi.platform.llm;

import dev.miyabi.platform.shared.FieldViolation;
import java.util.List;

/**
 * The gateway could not produce a result: every provider of the chain failed. The message names each
 * provider and why; for {@link Kind#INVALID_OUTPUT} the last schema violations are listed in {@link
 * #violations()}. It does not reach HTTP clients by itself: an AI job records it as its error.
 */
public class LlmException extends RuntimeException {

    public enum Kind {
        /** Providers were unreachable, rate limited, failing or refused the request. */
        UNAVAILABLE,
        /** A provider answered, but not with JSON valid against the schema, even after repairs. */
        INVALID_OUTPUT,
        /** The calling thread was interrupted (e.g. the job was cancelled). */
        INTERRUPTED
    }

    private final Kind kind;
    private final String task;
    private final List<FieldViolation> violations;
    private final TokenUsage usage;

    public LlmException(
            Kind kind,
            String task,
            String message,
            List<FieldViolation> violations,
            TokenUsage usage,
            Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.task = task;
        this.violations = List.copyOf(violations);
        this.usage = usage;
    }

    public Kind kind() {
        return kind;
    }

    public String task() {
        return task;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** Tokens consumed before giving up (they are recorded against the user too). */
    public TokenUsage usage() {
        return usage;
    }

    /** Whether running the same work again later may succeed. */
    public boolean retryable() {
        return kind != Kind.INTERRUPTED;
    }
}
