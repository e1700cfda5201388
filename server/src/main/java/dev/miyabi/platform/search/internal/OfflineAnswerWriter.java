package dev.miyabi.platform.search.internal;

import dev.miyabi.platform.llm.OfflineResponder;
import dev.miyabi.platform.llm.StructuredRequest;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The offline provider's answer to {@value AnswerService#TASK}: extractive. From each of the top passages
 * it quotes the sentence sharing the most words with the question (the first sentence when none does),
 * followed by the passage's {@code [n]}; at most three passages. No passages: it says that nothing the
 * asker may see answers the question. Deterministic, no model, valid against {@code search-answer}.
 */
@Component
class OfflineAnswerWriter implements OfflineResponder {

    private static final int QUOTED_PASSAGES = 3;
    private static final int MAX_SENTENCE = 400;

    @Override
    public boolean supports(String task) {
        return AnswerService.TASK.equals(task);
    }

    @Override
    public JsonNode respond(StructuredRequest request) {
        boolean japanese = "ja".equals(request.language());
        Set<String> questionWords = words(request.text("question").orElse(""));
        List<Map<?, ?>> sources = new ArrayList<>();
        if (request.variables().get("sources") instanceof List<?> list) {
            list.stream().filter(Map.class::isInstance).map(Map.class::cast).forEach(sources::add);
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode citations = answer.putArray("citations");
        if (sources.isEmpty()) {
            answer.put(
                    "answer",
                    japanese
                            ? "ご覧いただける内容の中に、この質問に答えるものは見つかりませんでした。"
                            : "Nothing you can see answers this question yet.");
            return answer;
        }
        StringBuilder text = new StringBuilder(japanese ? "見つかった内容より: " : "From what you can see: ");
        for (Map<?, ?> source : sources.subList(0, Math.min(QUOTED_PASSAGES, sources.size()))) {
            int n = ((Number) source.get("n")).intValue();
            String sentence = bestSentence(String.valueOf(source.get("text")), questionWords);
            if (sentence.isBlank()) {
                sentence = String.valueOf(source.get("title"));
            }
            text.append(sentence).append(" [").append(n).append("] ");
            citations.add(n);
        }
        answer.put("answer", text.toString().strip());
        return answer;
    }

    private static String bestSentence(String passage, Set<String> questionWords) {
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        sentences.setText(passage);
        List<String> candidates = new ArrayList<>();
        for (int start = sentences.first(), end = sentences.next();
                end != BreakIterator.DONE;
                start = end, end = sentences.next()) {
            String sentence = passage.substring(start, end).strip().replaceAll("\\s+", " ");
            if (!sentence.isEmpty()) {
                candidates.add(
                        sentence.length() <= MAX_SENTENCE ? sentence : sentence.substring(0, MAX_SENTENCE) + "…");
            }
        }
        return candidates.stream()
                .max(Comparator.comparingInt((String sentence) -> overlap(sentence, questionWords))
                        .thenComparing(sentence -> -candidates.indexOf(sentence)))
                .orElse("");
    }

    private static int overlap(String sentence, Set<String> questionWords) {
        Set<String> shared = new HashSet<>(words(sentence));
        shared.retainAll(questionWords);
        return shared.size();
    }

    /** Lower-cased words of three letters or more; each kanji or kana counts as a word. */
    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (Texts.hasJapanese(word)) {
                word.codePoints().mapToObj(Character::toString).forEach(words::add);
            } else if (word.length() >= 3) {
                words.add(word);
            }
        }
        return words;
    }
}
