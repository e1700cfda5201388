package dev.miyabi.platform.generation.internal;

import dev.miyabi.platform.llm.StructuredRequest;
import dev.miyabi.platform.shared.json.JsonSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The course agent's pipeline (outline → lessons → quizzes → assembly) on the offline writer alone, with
 * every intermediate answer checked against its task's schema, as the gateway would.
 */
final class OfflineCourse {

    private final JsonSchemas schemas = new JsonSchemas();
    private final OfflineCourseWriter writer = new OfflineCourseWriter();

    ObjectNode generate(JsonNode inputJson) {
        CourseInput input = CourseInput.from(inputJson);
        Map<String, Object> course = input.variables();
        JsonNode outline = answer(CourseGeneratorAgent.OUTLINE_TASK, "course-outline", course);
        List<JsonNode> modules = new ArrayList<>();
        outline.path("modules").forEach(modules::add);
        String title = outline.path("title").asString();
        List<JsonNode> lessons = new ArrayList<>();
        List<JsonNode> quizzes = new ArrayList<>();
        for (int m = 0; m < modules.size(); m++) {
            List<JsonNode> moduleLessons = new ArrayList<>();
            modules.get(m).path("lessons").forEach(moduleLessons::add);
            for (int l = 0; l < moduleLessons.size(); l++) {
                lessons.add(answer(
                        CourseGeneratorAgent.LESSON_TASK,
                        "course-lesson",
                        CourseGeneratorAgent.lessonVariables(course, title, modules, m, moduleLessons, l)));
            }
            quizzes.add(answer(
                    CourseGeneratorAgent.QUIZ_TASK,
                    "course-quiz",
                    CourseGeneratorAgent.quizVariables(course, title, modules.get(m), m)));
        }
        return CourseGeneratorAgent.assemble(outline, lessons, quizzes, CourseText.forLanguage(input.language()));
    }

    JsonNode answer(String task, String schema, Map<String, Object> variables) {
        StructuredRequest request = Prompts.request(task, schema, schemas.schemaNode(schema), schema)
                .withVariables(variables);
        JsonNode answer = writer.respond(request);
        var violations = schemas.validate(schema, answer);
        if (!violations.isEmpty()) {
            throw new AssertionError(task + " answer breaks " + schema + ": " + violations + "\n" + answer);
        }
        return answer;
    }

    JsonSchemas schemas() {
        return schemas;
    }
}
