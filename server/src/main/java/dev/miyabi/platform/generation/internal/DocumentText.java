package dev.miyabi.platform.generation.internal;

import java.util.List;
import java.util.Map;

/**
 * The words of the offline document writer in one language: the usual sections of each document type
 * and their bodies, built from the title, audience, tone and data points.
 */
abstract class DocumentText {

    /** A planned section: a stable key, its heading and what it must cover. */
    record Section(String key, String heading, String purpose) {}

    /** What a section body is written from. */
    record Brief(String documentType, String title, String audience, String tone, Map<String, String> data) {

        boolean friendly() {
            String t = tone.toLowerCase(java.util.Locale.ROOT);
            return t.contains("friendly")
                    || t.contains("casual")
                    || t.contains("informal")
                    || t.contains("warm")
                    || tone.contains("親しみ")
                    || tone.contains("カジュアル");
        }

        boolean persuasive() {
            String t = tone.toLowerCase(java.util.Locale.ROOT);
            return t.contains("persuasive") || t.contains("confident") || tone.contains("説得");
        }
    }

    static DocumentText forLanguage(String language) {
        return Languages.isJapanese(language) ? new JapaneseDocumentText() : new EnglishDocumentText();
    }

    abstract List<Section> sections(String documentType, String title);

    /** The body of a planned section, or of any other heading (a model's outline) by {@link #generic}. */
    abstract String body(String key, Brief brief);

    abstract String generic(String heading, String purpose, Brief brief);

    /** The data points as a two-column Markdown table (empty when there are none). */
    abstract String table(Map<String, String> data);

    /** "budgetUsd" reads as "Budget usd", "start_date" as "Start date". */
    static String label(String name) {
        String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .replace('_', ' ')
                .replace('-', ' ')
                .strip();
        return spaced.isEmpty()
                ? name
                : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    static String rows(Map<String, String> data, String nameHeader, String valueHeader) {
        if (data.isEmpty()) {
            return "";
        }
        StringBuilder table = new StringBuilder("| ")
                .append(nameHeader)
                .append(" | ")
                .append(valueHeader)
                .append(" |\n| --- | --- |\n");
        data.forEach((name, value) -> table.append("| ")
                .append(MarkdownText.cell(label(name)))
                .append(" | ")
                .append(MarkdownText.cell(value))
                .append(" |\n"));
        return table.toString().strip();
    }
}
