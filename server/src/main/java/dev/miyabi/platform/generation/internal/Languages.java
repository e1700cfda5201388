package dev.miyabi.platform.generation.internal;

import java.util.Locale;

/** Output languages: the offline writers speak English and Japanese; models are told the language by name. */
final class Languages {

    private Languages() {}

    /** Whether the BCP 47 tag names Japanese ({@code ja}, {@code ja-JP}). */
    static boolean isJapanese(String tag) {
        return tag.equals("ja") || tag.startsWith("ja-");
    }

    /** The language's English name for prompts, e.g. {@code Portuguese (Brazil)} for {@code pt-BR}. */
    static String displayName(String tag) {
        Locale locale = Locale.forLanguageTag(tag);
        String name = locale.getDisplayName(Locale.ENGLISH);
        return name.isBlank() ? tag : name;
    }
}
