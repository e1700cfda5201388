package dev.miyabi.platform.llm.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which providers the gateway tries, in order, from the settings. {@code auto} picks anthropic when
 * it has a key, else openai when it has a key or a base URL, else offline. Without an explicit
 * {@code fallback} list the chain continues with every other configured provider and ends with
 * offline. A provider named explicitly as the first must be configured; one named in the fallback
 * list but not configured is skipped with a warning.
 */
final class ProviderChain {

    private static final Logger log = LoggerFactory.getLogger(ProviderChain.class);
    static final List<String> KNOWN = List.of(AnthropicProvider.NAME, OpenAiProvider.NAME, OfflineProvider.NAME);

    private ProviderChain() {}

    static List<String> resolve(LlmProperties settings) {
        String first = normalise(settings.provider());
        if (first.equals("auto")) {
            first = settings.anthropic().configured()
                    ? AnthropicProvider.NAME
                    : settings.openai().configured() ? OpenAiProvider.NAME : OfflineProvider.NAME;
        } else if (!KNOWN.contains(first)) {
            throw new IllegalStateException("miyabi.llm.provider must be auto or one of " + KNOWN + ", not " + first);
        } else if (!configured(first, settings)) {
            throw new IllegalStateException("miyabi.llm.provider is " + first + " but it is not configured: "
                    + (first.equals(AnthropicProvider.NAME)
                            ? "set ANTHROPIC_API_KEY"
                            : "set OPENAI_API_KEY or MIYABI_LLM_OPENAI_BASE_URL"));
        }
        Set<String> chain = new LinkedHashSet<>();
        chain.add(first);
        List<String> rest = new ArrayList<>();
        if (settings.fallback().isEmpty()) {
            rest.addAll(KNOWN);
        } else {
            for (String name : settings.fallback()) {
                String normalised = normalise(name);
                if (!KNOWN.contains(normalised)) {
                    throw new IllegalStateException(
                            "miyabi.llm.fallback may name " + KNOWN + " only, not " + normalised);
                }
                rest.add(normalised);
            }
        }
        for (String name : rest) {
            if (configured(name, settings)) {
                chain.add(name);
            } else if (!settings.fallback().isEmpty()) {
                log.warn("LLM fallback provider {} is not configured and is skipped", name);
            }
        }
        return List.copyOf(chain);
    }

    private static boolean configured(String name, LlmProperties settings) {
        return switch (name) {
            case AnthropicProvider.NAME -> settings.anthropic().configured();
            case OpenAiProvider.NAME -> settings.openai().configured();
            default -> true;
        };
    }

    private static String normalise(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
