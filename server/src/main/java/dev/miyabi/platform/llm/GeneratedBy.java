package dev.miyabi.platform.llm;

/**
 * Which provider and model produced a result; {@code provider} is {@code anthropic}, {@code openai}
 * or {@code offline} (the deterministic generator, reported so a reader knows no model wrote it).
 */
public record GeneratedBy(String provider, String model) {

    public boolean offline() {
        return "offline".equals(provider);
    }
}
