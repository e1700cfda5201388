package dev.miyabi.platform.generation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.shared.json.JsonSchemas;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The offline course writer: real, input-shaped, schema-valid, sized by the hours, deterministic. */
class OfflineCourseWriterTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final OfflineCourse offline = new OfflineCourse();
    private final JsonSchemas schemas = offline.schemas();

    static ObjectNode input(
            String topic, String language, double hours, String difficulty, String format, List<String> objectives) {
        ObjectNode input = JSON.createObjectNode();
        input.put("topic", topic);
        input.put("targetAudience", "Analysts new to programming");
        input.put("difficulty", difficulty);
        input.put("estimatedHours", hours);
        objectives.forEach(input.putArray("learningObjectives")::add);
        input.put("format", format);
        input.put("language", language);
        return input;
    }

    @ParameterizedTest
    @CsvSource({
        "1, beginner, text, 3, 4, 3",
        "6, beginner, text, 3, 5, 3",
        "12, intermediate, video, 5, 6, 4",
        "40, advanced, interactive, 10, 8, 6",
        "100, advanced, text, 4, 8, 6"
    })
    void everyLengthGivesAValidCourseWhoseMinutesAddUpToItsHours(
            double hours, String difficulty, String format, int objectives, int modules, int lessonsPerModule) {
        List<String> goals = new ArrayList<>();
        for (int i = 1; i <= objectives; i++) {
            goals.add("Objective number " + i);
        }
        ObjectNode course = offline.generate(input("Python for data analysis", "en", hours, difficulty, format, goals));

        assertThat(schemas.validate("course-output", course)).isEmpty();
        assertThat(course.path("modules")).hasSize(modules);
        int minutes = 0;
        for (JsonNode module : course.path("modules")) {
            assertThat(module.path("lessons")).hasSize(lessonsPerModule);
            assertThat(module.path("quiz").path("questions").size()).isBetween(5, 10);
            for (JsonNode lesson : module.path("lessons")) {
                minutes += lesson.path("durationMinutes").asInt();
                assertThat(lesson.path("exercises").size()).isBetween(2, 3);
                assertThat(lesson.path("content").asString())
                        .contains("## Introduction", "## Explanation", "## Examples", "## Exercises", "## Summary");
            }
            for (JsonNode question : module.path("quiz").path("questions")) {
                assertThat(question.path("options")).hasSize(4);
                assertThat(question.path("answerIndex").asInt()).isBetween(0, 3);
            }
        }
        assertThat(minutes).isEqualTo((int) Math.round(hours * 12) * 5);
        // Every objective is taught by a module of its own or shared with others.
        String titles = course.path("modules").findValuesAsString("title").toString();
        goals.forEach(goal -> assertThat(course.toString()).contains(goal));
        assertThat(titles).contains("Foundations of Python for data analysis", "Capstone");
    }

    @ParameterizedTest
    @CsvSource({"en, Go for services, AI, ML", "ja, 囲碁の打ち方, 型, 道"})
    void objectivesOfOneOrTwoCharactersStillGiveAValidCourse(
            String language, String topic, String first, String second) {
        ObjectNode course = offline.generate(input(topic, language, 2, "beginner", "text", List.of(first, second)));

        assertThat(schemas.validate("course-output", course)).isEmpty();
    }

    @Test
    void theTextIsAboutTheRequestNotFiller() {
        ObjectNode course = offline.generate(input(
                "Kubernetes operations",
                "en",
                8,
                "intermediate",
                "video",
                List.of("Deploy workloads", "Scale services", "Debug failing pods")));
        String text = course.toString();
        assertThat(course.path("title").asString()).isEqualTo("Kubernetes operations in Practice");
        assertThat(text)
                .contains("Deploy workloads", "Scale services", "Debug failing pods", "Analysts new to programming")
                .contains("video")
                .doesNotContainIgnoringCase("lorem");
        JsonNode lesson = course.path("modules").get(1).path("lessons").get(0);
        assertThat(lesson.path("title").asString()).startsWith("Deploy workloads");
        assertThat(lesson.path("content").asString())
                .contains("Deploy workloads")
                .contains("In the video");
    }

    @Test
    void japaneseCoursesAreWrittenInJapanese() {
        ObjectNode course = offline.generate(
                input("Pythonによるデータ分析", "ja", 6, "beginner", "text", List.of("データを読み込む", "データを整える", "結果を可視化する")));
        assertThat(schemas.validate("course-output", course)).isEmpty();
        assertThat(course.path("title").asString()).isEqualTo("Pythonによるデータ分析入門");
        JsonNode lesson = course.path("modules").get(1).path("lessons").get(0);
        assertThat(lesson.path("title").asString()).startsWith("データを読み込む");
        assertThat(lesson.path("content").asString()).contains("## はじめに", "## 解説", "## 演習", "## まとめ");
        assertThat(course.path("modules")
                        .get(0)
                        .path("quiz")
                        .path("questions")
                        .get(0)
                        .path("question")
                        .asString())
                .contains("レッスン");
    }

    @Test
    void otherLanguagesGetEnglishText() {
        ObjectNode course = offline.generate(input(
                "Gestão de projetos", "pt-BR", 4, "beginner", "text", List.of("Planejar", "Executar", "Encerrar")));
        assertThat(schemas.validate("course-output", course)).isEmpty();
        assertThat(course.path("description").asString()).startsWith("A 4-hour beginner course on");
    }

    @Test
    void theSameRequestGivesTheSameCourse() {
        ObjectNode input =
                input("Negotiation basics", "en", 5, "beginner", "interactive", List.of("Prepare", "Listen", "Close"));
        assertThat(offline.generate(input)).isEqualTo(offline.generate(input.deepCopy()));
    }

    @Test
    void objectivesAreSpreadOverTheModulesBetweenFoundationsAndCapstone() {
        assertThat(OfflineCourseWriter.plan(List.of("a", "b", "c"), 8))
                .extracting(OfflineCourseWriter.Plan::kind)
                .containsExactly(
                        CourseText.ModuleKind.FOUNDATIONS,
                        CourseText.ModuleKind.OBJECTIVE,
                        CourseText.ModuleKind.DEEPENING,
                        CourseText.ModuleKind.OBJECTIVE,
                        CourseText.ModuleKind.DEEPENING,
                        CourseText.ModuleKind.OBJECTIVE,
                        CourseText.ModuleKind.DEEPENING,
                        CourseText.ModuleKind.CAPSTONE);
        assertThat(OfflineCourseWriter.plan(List.of("a", "b", "c", "d", "e"), 4))
                .extracting(OfflineCourseWriter.Plan::focus)
                .containsExactly(List.of(), List.of("a", "b", "c"), List.of("d", "e"), List.of());
    }

    @Test
    void budgetEstimatesGrowWithTheCourse() {
        long small = GenerationRequests.estimateTokens(
                "course_generation", input("Short course", "en", 1, "beginner", "text", List.of("a", "b", "c")));
        long large = GenerationRequests.estimateTokens(
                "course_generation", input("Long course", "en", 80, "beginner", "text", List.of("a", "b", "c")));
        assertThat(small).isBetween(20_000L, 60_000L);
        assertThat(large).isGreaterThan(small * 3);
    }
}
