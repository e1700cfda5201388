package dev.miyabi.platform.llm.internal;

import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replaces {@code {{name}}} placeholders that name a request variable: text as written, lists as
 * one {@code - item} line each, anything else as JSON. Braces that name no variable stay as they
 * are, so prompts may show templates of their own.
 */
final class PromptTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PromptTemplate() {}

    static String render(String template, Map<String, Object> variables) {
        if (variables.isEmpty() || !template.contains("{{")) {
            return template;
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Object value = variables.get(matcher.group(1));
            String replacement = value == null ? matcher.group() : format(value);
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String format(Object value) {
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Collection<?> items && items.stream().allMatch(item -> item instanceof CharSequence)) {
            return items.stream().map(item -> "- " + item).collect(Collectors.joining("\n"));
        }
        return JSON.writeValueAsString(value);
    }
}
