package dev.miyabi.platform.aijobs;

import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A job to enqueue. Start with {@link #of} and add what differs from the defaults.
 *
 * @param type the job type; a {@link JobHandler} for it must be registered
 * @param input the handler's input (validated by the caller against the type's schema)
 * @param userId the owner: who sees the job and whose budget it spends
 * @param orderId the order the job fulfils, if any
 * @param priority higher runs first (default 0)
 * @param maxAttempts how many times the job may be started before it fails for good; {@code null} means
 *     {@code miyabi.jobs.max-attempts}
 */
public record NewJob(
        String type,
        JsonNode input,
        UUID userId,
        @Nullable UUID orderId,
        int priority,
        @Nullable Integer maxAttempts) {

    public NewJob {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(userId, "userId");
        if (maxAttempts != null && maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static NewJob of(String type, JsonNode input, UUID userId) {
        return new NewJob(type, input, userId, null, 0, null);
    }

    public NewJob forOrder(@Nullable UUID order) {
        return new NewJob(type, input, userId, order, priority, maxAttempts);
    }

    public NewJob withPriority(int value) {
        return new NewJob(type, input, userId, orderId, value, maxAttempts);
    }

    public NewJob withMaxAttempts(int value) {
        return new NewJob(type, input, userId, orderId, priority, value);
    }
}
