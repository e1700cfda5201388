package dev.miyabi.platform.llm.internal;

import dev.miyabi.platform.llm.LlmMessage;
import dev.miyabi.platform.llm.LlmRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words of the offline provider, in English or Japanese (the request's {@code language}):
 * titles, sentences and list items about the request's subject, varied by position and seed, never
 * random.
 */
final class OfflineText {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private static final List<String> SUBJECT_VARIABLES =
            List.of("topic", "title", "subject", "name", "productName", "query", "heading");

    private static final List<String> ASPECTS_EN = List.of(
            "Foundations",
            "Core concepts",
            "In practice",
            "Patterns and techniques",
            "Common pitfalls",
            "Review and next steps",
            "Advanced topics",
            "Case study");

    private static final List<String> ASPECTS_JA =
            List.of("基礎", "中心となる概念", "実践", "パターンと手法", "よくある落とし穴", "振り返りと次の一歩", "発展的な内容", "事例研究");

    private static final List<String> SENTENCES_EN = List.of(
            "This part introduces %s and explains why it matters.",
            "It walks through the core ideas of %s with concrete examples.",
            "You apply %s to a realistic task and check the result step by step.",
            "Common mistakes with %s are shown together with ways to avoid them.",
            "A short recap connects %s to what comes next.",
            "The key terms of %s are defined in plain language.",
            "Worked examples show how %s is used in everyday situations.",
            "Questions at the end help you check your understanding of %s.");

    private static final List<String> SENTENCES_JA = List.of(
            "このパートでは%sを紹介し、その重要性を説明します。",
            "%sの中心となる考え方を具体例とともに解説します。",
            "%sを現実的な課題に応用し、結果を一歩ずつ確認します。",
            "%sでよくある誤りと、その避け方を示します。",
            "短いまとめで%sを次の内容につなげます。",
            "%sの重要な用語をわかりやすく定義します。",
            "%sが日常の場面でどのように使われるかを例で示します。",
            "最後の問いで%sの理解度を確認します。");

    private static final Set<String> STOPWORDS = Set.of(
            "about",
            "above",
            "after",
            "again",
            "also",
            "answer",
            "because",
            "before",
            "being",
            "below",
            "between",
            "could",
            "does",
            "each",
            "explain",
            "from",
            "give",
            "have",
            "here",
            "into",
            "just",
            "like",
            "make",
            "more",
            "most",
            "must",
            "only",
            "other",
            "over",
            "please",
            "same",
            "should",
            "some",
            "such",
            "than",
            "that",
            "their",
            "them",
            "then",
            "there",
            "these",
            "they",
            "this",
            "those",
            "through",
            "under",
            "very",
            "what",
            "when",
            "where",
            "which",
            "while",
            "with",
            "would",
            "write",
            "your",
            "json",
            "schema",
            "document",
            "valid");

    private final boolean japanese;
    private final String subject;
    private final List<String> objectives;

    OfflineText(LlmRequest request) {
        this.japanese = request.language().toLowerCase(Locale.ROOT).startsWith("ja");
        this.subject = subjectOf(request);
        List<String> goals = new ArrayList<>(request.texts("learningObjectives"));
        goals.addAll(request.texts("objectives"));
        this.objectives = List.copyOf(goals);
    }

    boolean japanese() {
        return japanese;
    }

    String subject() {
        return subject;
    }

    List<String> objectives() {
        return objectives;
    }

    /** What the request is about: its topic/title variable, else the key words of its prompt. */
    static String subjectOf(LlmRequest request) {
        for (String name : SUBJECT_VARIABLES) {
            var value = request.text(name);
            if (value.isPresent()) {
                return value.get().strip();
            }
        }
        List<String> words = keywords(request.user(), 3);
        if (!words.isEmpty()) {
            return String.join(" ", words);
        }
        String task = request.task();
        return humanize(task.substring(task.lastIndexOf('.') + 1));
    }

    String aspect(int index) {
        List<String> aspects = japanese ? ASPECTS_JA : ASPECTS_EN;
        return aspects.get(Math.floorMod(index, aspects.size()));
    }

    /**
     * A title; inside a list ({@code container} = "modules") it is numbered: "Module 2: ...", and
     * {@code shift} (the positions of the enclosing lists) varies what it is about.
     */
    String title(String container, int index, int shift) {
        if (index < 0) {
            return subject;
        }
        int focusIndex = index + shift;
        String focus = !objectives.isEmpty()
                ? capitalize(objectives.get(focusIndex % objectives.size()))
                : japanese ? subject + "：" + aspect(focusIndex) : aspect(focusIndex) + " of " + subject;
        if (japanese) {
            return "第" + (index + 1) + "部 " + focus;
        }
        String noun = container.isEmpty() ? "Part" : singular(container);
        return noun + " " + (index + 1) + ": " + focus;
    }

    /** {@code count} sentences about the subject, starting at a position-dependent template. */
    String sentences(int index, int count, long hash) {
        List<String> templates = japanese ? SENTENCES_JA : SENTENCES_EN;
        StringBuilder out = new StringBuilder();
        int start = Math.floorMod(hash + index, templates.size());
        for (int i = 0; i < count; i++) {
            if (!out.isEmpty() && !japanese) {
                out.append(' ');
            }
            out.append(templates.get((start + i) % templates.size()).formatted(subject));
        }
        if (!objectives.isEmpty() && index >= 0) {
            String objective = objectives.get(Math.floorMod(index, objectives.size()));
            out.append(japanese ? "学習目標「" + objective + "」に対応します。" : " It supports the objective: " + objective + ".");
        }
        return out.toString();
    }

    /** A short Markdown text: a heading, a paragraph and three points. */
    String markdown(String heading, int index, long hash) {
        StringBuilder out = new StringBuilder("## ").append(heading).append("\n\n");
        out.append(sentences(index, 3, hash)).append("\n\n");
        for (int i = 0; i < 3; i++) {
            out.append("- ")
                    .append(japanese ? subject + "：" + aspect(index + i) : aspect(index + i) + " of " + subject);
            out.append('\n');
        }
        return out.toString().stripTrailing();
    }

    /**
     * The {@code index}-th entry of a list named {@code list} ("topics", "prerequisites", "options");
     * {@code shift} moves lists at different places of a document to different entries.
     */
    String listItem(String list, int index, int shift) {
        String name = list.toLowerCase(Locale.ROOT);
        if ((name.contains("objective") || name.contains("goal")) && !objectives.isEmpty()) {
            return objectives.get(index % objectives.size());
        }
        if (name.contains("exercise")
                || name.contains("task")
                || name.contains("activit")
                || name.contains("assignment")) {
            int number = index + 1;
            String aspect = aspect(index + shift);
            return japanese
                    ? "演習" + number + "：" + subject + "の" + aspect + "を小さな例で試してみましょう。"
                    : "Exercise " + number + ": try " + aspect.toLowerCase(Locale.ROOT) + " of " + subject
                            + " on a small example of your own.";
        }
        char letter = (char) ('A' + index % 26);
        if (name.contains("prerequisite") || name.contains("requirement")) {
            List<String> needs = japanese
                    ? List.of("パソコンの基本操作", "週に数時間、" + subject + "を練習する意欲", subject + "の事前知識は不要です")
                    : List.of(
                            "Basic computer skills",
                            "A few hours a week to practise " + subject,
                            "No prior experience with " + subject + " is required");
            return index < needs.size() ? needs.get(index) : needs.get(index % needs.size()) + " (" + (index + 1) + ")";
        }
        index += shift * 3;
        if (name.contains("option") || name.contains("choice")) {
            return japanese
                    ? letter + "：" + subject + "の" + aspect(index)
                    : letter + ": " + aspect(index) + " of " + subject;
        }
        if (name.contains("tag") || name.contains("keyword")) {
            List<String> words = keywords(subject, 8);
            int position = index - shift;
            return position < words.size() ? words.get(position) : slug(aspect(index)) + "-" + (position + 1);
        }
        if (japanese) {
            return subject + "の" + aspect(index);
        }
        return aspect(index) + " of " + subject;
    }

    /** A question about the subject. */
    String question(int index, int shift) {
        int number = Math.max(index, 0) + 1;
        String aspect = aspect(Math.max(index, 0) + shift);
        return japanese
                ? subject + "の" + aspect + "について正しい説明はどれですか？（問" + number + "）"
                : "Question " + number + ": which statement about " + aspect.toLowerCase(Locale.ROOT) + " of " + subject
                        + " is correct?";
    }

    /** A short phrase for a field without a recognised meaning. */
    String phrase(String property, int index) {
        String label = humanize(property);
        if (japanese) {
            return subject + "：" + aspect(Math.max(index, 0));
        }
        return index >= 0 ? label + " " + (index + 1) + " for " + subject : label + " for " + subject;
    }

    /** Text to lengthen a too-short string with. */
    String filler(int round) {
        return sentences(round, 1, round);
    }

    /** The offline chat answer: deterministic, built from the prompt. */
    String answer(List<LlmMessage> messages) {
        String prompt = messages.stream()
                .filter(message -> message.role() == LlmMessage.Role.USER)
                .map(LlmMessage::text)
                .reduce((first, second) -> second)
                .orElse("");
        List<String> points = keywords(prompt, 4);
        if (points.isEmpty()) {
            points = List.of(subject);
        }
        StringBuilder out = new StringBuilder();
        out.append(japanese ? "# " + subject : "# " + capitalize(subject)).append("\n\n");
        out.append(sentences(0, 2, prompt.length())).append("\n\n");
        for (int i = 0; i < points.size(); i++) {
            String point = points.get(i);
            out.append("- ")
                    .append(
                            japanese
                                    ? point + "：" + aspect(i)
                                    : capitalize(point) + ": " + aspect(i).toLowerCase(Locale.ROOT))
                    .append('\n');
        }
        out.append('\n').append(sentences(4, 1, 0));
        return out.toString();
    }

    /** The most frequent meaningful words of a text, in order of frequency then first use. */
    static List<String> keywords(String text, int limit) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String token : NON_WORD.split(text)) {
            String word = token.toLowerCase(Locale.ROOT);
            boolean ascii = word.chars().allMatch(c -> c < 128);
            if ((ascii && word.length() < 4) || word.length() < 2 || STOPWORDS.contains(word)) {
                continue;
            }
            counts.merge(word, 1, Integer::sum);
        }
        List<String> words = new ArrayList<>(counts.keySet());
        words.sort((a, b) -> Integer.compare(counts.get(b), counts.get(a)));
        return words.subList(0, Math.min(limit, words.size()));
    }

    /** "learningObjectives" → "Learning objectives". */
    static String humanize(String name) {
        String spaced =
                name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').replace('-', ' ');
        return capitalize(spaced.toLowerCase(Locale.ROOT).strip());
    }

    private static final Map<String, String> IRREGULAR = Map.of(
            "children",
            "Child",
            "people",
            "Person",
            "criteria",
            "Criterion",
            "indices",
            "Index",
            "analyses",
            "Analysis",
            "quizzes",
            "Quiz",
            "data",
            "Data",
            "series",
            "Series");

    /** "modules" → "Module", "categories" → "Category". */
    static String singular(String plural) {
        String irregular = IRREGULAR.get(plural.toLowerCase(Locale.ROOT));
        if (irregular != null) {
            return irregular;
        }
        String word = humanize(plural);
        if (word.endsWith("ies") && word.length() > 3) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.endsWith("ses") || word.endsWith("xes")) {
            return word.substring(0, word.length() - 2);
        }
        if (word.endsWith("s") && !word.endsWith("ss") && word.length() > 1) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }

    static String capitalize(String text) {
        if (text.isEmpty()) {
            return text;
        }
        int first = text.codePointAt(0);
        return new StringBuilder()
                .appendCodePoint(Character.toUpperCase(first))
                .append(text.substring(Character.charCount(first)))
                .toString();
    }

    static String slug(String text) {
        String slug =
                text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "item" : slug;
    }
}
