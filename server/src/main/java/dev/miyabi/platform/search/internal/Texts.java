package dev.miyabi.platform.search.internal;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;
import org.jspecify.annotations.Nullable;

/** Text helpers of the indexer: script detection, Markdown to plain text, sections. */
final class Texts {

    private static final Parser MARKDOWN = Parser.builder().build();
    private static final TextContentRenderer PLAIN =
            TextContentRenderer.builder().build();

    private Texts() {}

    static boolean hasJapanese(String text) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
            if (script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA
                    || script == Character.UnicodeScript.HAN) {
                return true;
            }
            i += Character.charCount(codePoint);
        }
        return false;
    }

    /** Markdown rendered as plain text (no markup characters left for the analyzers and snippets). */
    static String markdownToText(String markdown) {
        return PLAIN.render(MARKDOWN.parse(markdown)).strip();
    }

    /** A heading and the text under it. */
    record Section(@Nullable String heading, String text) {}

    /**
     * Splits Markdown at its level 1–3 headings; sections longer than {@code maxCharacters} are split again
     * at paragraph breaks (the pieces keep the heading). Empty sections are dropped.
     */
    static List<Section> markdownSections(String markdown, int maxCharacters) {
        List<Section> sections = new ArrayList<>();
        String heading = null;
        StringBuilder body = new StringBuilder();
        boolean fenced = false;
        for (String line : markdown.split("\r?\n", -1)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            }
            if (!fenced && line.matches("#{1,3}\\s+\\S.*")) {
                addSection(sections, heading, markdownToText(body.toString()), maxCharacters);
                heading = line.replaceFirst("#{1,3}\\s+", "")
                        .replaceFirst("\\s+#+\\s*$", "")
                        .strip();
                body.setLength(0);
            } else {
                body.append(line).append('\n');
            }
        }
        addSection(sections, heading, markdownToText(body.toString()), maxCharacters);
        return sections;
    }

    /** Plain text cut into sections of at most {@code maxCharacters}, at paragraph breaks where possible. */
    static List<Section> plainSections(String text, int maxCharacters) {
        List<Section> sections = new ArrayList<>();
        addSection(sections, null, text.strip(), maxCharacters);
        return sections;
    }

    private static void addSection(List<Section> sections, @Nullable String heading, String text, int max) {
        if (text.isBlank() && heading == null) {
            return;
        }
        for (String piece : pieces(text, max)) {
            sections.add(new Section(heading, piece));
        }
    }

    /** Cuts text into pieces of at most {@code max} characters: at blank lines, else lines, else spaces. */
    static List<String> pieces(String text, int max) {
        List<String> pieces = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > max) {
            int cut = rest.lastIndexOf("\n\n", max);
            if (cut < max / 2) {
                cut = rest.lastIndexOf('\n', max);
            }
            if (cut < max / 2) {
                cut = rest.lastIndexOf(' ', max);
            }
            if (cut < max / 2) {
                cut = max;
            }
            pieces.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty() || pieces.isEmpty()) {
            pieces.add(rest);
        }
        return pieces;
    }
}
