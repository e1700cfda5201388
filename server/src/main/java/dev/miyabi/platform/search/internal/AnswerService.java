package dev.miyabi.platform.search.internal;

import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.llm.LlmGateway;
import dev.miyabi.platform.llm.StructuredRequest;
import dev.miyabi.platform.llm.StructuredResult;
import dev.miyabi.platform.search.SearchAnswer;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.json.JsonSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code POST /api/search/answers}: the top passages the asker may see (the same hybrid search and
 * visibility as {@code GET /api/search}) go to the LLM gateway (task {@value #TASK}; usage recorded as for every
 * model call), which writes an answer citing them as {@code [n]}. Answers need a paid search plan, so, like the
 * jobs of paid orders, they are not counted against the studio's monthly allowance. Every answer is a ContentSearchAgent
 * (203) task on the board. Without a model the offline provider quotes the passages ({@link
 * OfflineAnswerWriter}).
 */
@Service
class AnswerService {

    static final String TASK = "search.answer";
    public static final int MAX_QUESTION = 1000;

    private static final Pattern CITATION = Pattern.compile("\\[(\\d{1,2})]");
    private static final int PASSAGE_CHARACTERS = 1200;

    private final SearchService search;
    private final SearchLibrary library;
    private final LlmGateway llm;
    private final JsonSchemas schemas;
    private final SearchTasks tasks;
    private final SearchProperties settings;

    AnswerService(
            SearchService search,
            SearchLibrary library,
            LlmGateway llm,
            JsonSchemas schemas,
            SearchTasks tasks,
            SearchProperties settings) {
        this.search = search;
        this.library = library;
        this.llm = llm;
        this.schemas = schemas;
        this.tasks = tasks;
        this.settings = settings;
    }

    public SearchAnswer answer(CurrentUser user, @Nullable String question) {
        library.requireAccess(user);
        if (question == null || question.isBlank()) {
            throw ApiException.validation("question", "must not be blank");
        }
        String text = question.strip();
        if (text.length() > MAX_QUESTION) {
            throw ApiException.validation("question", "must be at most " + MAX_QUESTION + " characters");
        }
        Set<SourceType> kinds = EnumSet.allOf(SourceType.class);
        List<HybridSearch.Found> passages = search.find(
                new SearchService.Searcher(user.id(), user.isAdmin()), text, kinds, settings.answerPassages());
        return tasks.track(
                "Answer a question from " + passages.size() + " passage" + (passages.size() == 1 ? "" : "s"),
                "user",
                user.id(),
                () -> write(user, text, passages),
                answer -> JsonNodeFactory.instance
                        .objectNode()
                        .put("passages", passages.size())
                        .put("citations", answer.citations().size())
                        .put("provider", answer.generatedBy().provider())
                        .put("model", answer.generatedBy().model()));
    }

    private SearchAnswer write(CurrentUser user, String question, List<HybridSearch.Found> passages) {
        StringBuilder prompt = new StringBuilder();
        List<Map<String, Object>> sources = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            LuceneIndex.Hit chunk = passages.get(i).chunk();
            String heading = chunk.heading() == null ? chunk.title() : chunk.title() + " — " + chunk.heading();
            String body = chunk.body().length() <= PASSAGE_CHARACTERS
                    ? chunk.body()
                    : chunk.body().substring(0, PASSAGE_CHARACTERS) + "…";
            prompt.append('[')
                    .append(i + 1)
                    .append("] ")
                    .append(heading)
                    .append('\n')
                    .append(body)
                    .append("\n\n");
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("n", i + 1);
            source.put("title", heading);
            source.put("text", body);
            sources.add(source);
        }
        if (passages.isEmpty()) {
            prompt.append("(none)");
        }
        StructuredRequest request = StructuredRequest.of(
                        TASK,
                        prompt("answer.system.md"),
                        prompt("answer.user.md"),
                        schemas.schemaNode("search-answer"),
                        "search_answer")
                .withVariables(Map.of(
                        "question",
                        question,
                        "passages",
                        prompt.toString().strip(),
                        "sources",
                        sources,
                        "language",
                        Texts.hasJapanese(question) ? "ja" : "en"))
                .forUser(user.id(), null)
                .withMaxOutputTokens(1_000);
        StructuredResult result = llm.structured(request);
        String answer = result.json().path("answer").asString("");
        Set<Integer> cited = new TreeSet<>();
        Matcher matcher = CITATION.matcher(answer);
        while (matcher.find()) {
            cited.add(Integer.parseInt(matcher.group(1)));
        }
        for (JsonNode n : result.json().path("citations")) {
            cited.add(n.asInt());
        }
        List<SearchAnswer.Citation> citations = new ArrayList<>();
        for (int n : cited) {
            if (n < 1 || n > passages.size()) {
                continue; // a model citing a passage it was not given: never point at anything else
            }
            HybridSearch.Found found = passages.get(n - 1);
            citations.add(new SearchAnswer.Citation(
                    n,
                    found.source().type().value(),
                    found.source().id(),
                    found.chunk().title(),
                    found.snippet(),
                    SearchService.lesson(found.chunk()),
                    SearchService.section(found.chunk())));
        }
        return new SearchAnswer(
                answer,
                citations,
                new SearchAnswer.GeneratedBy(
                        result.generatedBy().provider(), result.generatedBy().model()),
                new SearchAnswer.TokenUsage(
                        result.usage().input(), result.usage().output()));
    }

    private static String prompt(String file) {
        ClassPathResource resource = new ClassPathResource("prompts/search/" + file);
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Prompt file prompts/search/" + file + " is missing", e);
        }
    }
}
