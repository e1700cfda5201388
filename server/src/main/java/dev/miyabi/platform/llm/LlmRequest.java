package dev.miyabi.platform.llm;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What every call to the gateway carries.
 *
 * <ul>
 *   <li>{@code task}: a stable id of the step, e.g. {@code course.outline}, {@code course.lesson},
 *       {@code document.sections}; it tags metrics and usage records and selects an {@link
 *       OfflineResponder}.
 *   <li>{@code system}, {@code user}: the prompt. {@code {{name}}} placeholders naming a variable
 *       are replaced by its value (strings as written, lists as one {@code - item} line each, other
 *       values as JSON); other text is sent as written.
 *   <li>{@code variables}: the structured input and step context (topic, learningObjectives,
 *       language, module and lesson titles, ...). The offline provider builds its output from them.
 *   <li>{@code userId}: whose budget and usage the call counts against (null for system work);
 *       {@code jobId}: the AI job it belongs to, if any.
 *   <li>{@code maxOutputTokens}: the output limit; 0 means the configured default.
 * </ul>
 */
public sealed interface LlmRequest permits StructuredRequest {

    int MAX_TASK_LENGTH = 100;

    String task();

    String system();

    String user();

    Map<String, Object> variables();

    @Nullable
    UUID userId();

    @Nullable
    UUID jobId();

    int maxOutputTokens();

    /** A variable as text, if it is present and not blank. */
    default Optional<String> text(String name) {
        Object value = variables().get(name);
        if (value == null || value instanceof Collection<?> || value instanceof Map<?, ?>) {
            return Optional.empty();
        }
        String text = value.toString();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    /** A list variable as texts (empty when absent or not a list). */
    default List<String> texts(String name) {
        if (variables().get(name) instanceof Collection<?> values) {
            return values.stream()
                    .filter(value -> value != null && !value.toString().isBlank())
                    .map(Object::toString)
                    .toList();
        }
        return List.of();
    }

    /** The language of the expected output ({@code language} variable), {@code en} by default. */
    default String language() {
        return text("language").orElse("en");
    }

    static void checkCommon(String task, String system, String user, int maxOutputTokens) {
        if (task == null || task.isBlank() || task.length() > MAX_TASK_LENGTH) {
            throw new IllegalArgumentException("task must be 1-" + MAX_TASK_LENGTH + " characters");
        }
        if (system == null) {
            throw new IllegalArgumentException("system prompt must not be null (use \"\")");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("user prompt must not be blank");
        }
        if (maxOutputTokens < 0) {
            throw new IllegalArgumentException("maxOutputTokens must be >= 0");
        }
    }

    /** An unmodifiable copy that keeps the caller's order; null values are dropped. */
    static Map<String, Object> copyOf(@Nullable Map<String, ?> variables) {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (variables != null) {
            variables.forEach((name, value) -> {
                if (value != null) {
                    copy.put(name, value);
                }
            });
        }
        return java.util.Collections.unmodifiableMap(copy);
    }
}
