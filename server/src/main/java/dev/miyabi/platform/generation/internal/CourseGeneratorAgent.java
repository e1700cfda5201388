package dev.miyabi.platform.generation.internal;

import dev.miyabi.platform.agents.Agent;
import dev.miyabi.platform.agents.AgentContext;
import dev.miyabi.platform.agents.AgentResult;
import dev.miyabi.platform.agents.AgentTask;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.aijobs.JobContext;
import dev.miyabi.platform.llm.LlmGateway;
import dev.miyabi.platform.llm.StructuredRequest;
import dev.miyabi.platform.shared.FieldViolation;
import dev.miyabi.platform.shared.json.JsonSchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * CourseGeneratorAgent (201). Inside a {@code course_generation} job: validates the input, asks for the
 * outline, writes every lesson and every module's quiz as durable steps (a retried job keeps what was
 * written), assembles the course, checks it against {@code course-output.schema.json} and stores it in the
 * job's lease-fenced store step. The course is the agent's (and so the job's) result.
 */
@Component
class CourseGeneratorAgent implements Agent {

    static final String OUTLINE_TASK = "course.outline";
    static final String LESSON_TASK = "course.lesson";
    static final String QUIZ_TASK = "course.quiz";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final LlmGateway llm;
    private final JsonSchemas schemas;
    private final GeneratedContentService content;
    private final GenerationProperties settings;

    CourseGeneratorAgent(
            LlmGateway llm, JsonSchemas schemas, GeneratedContentService content, GenerationProperties settings) {
        this.llm = llm;
        this.schemas = schemas;
        this.content = content;
        this.settings = settings;
    }

    @Override
    public AgentType type() {
        return AgentType.COURSE_GENERATOR;
    }

    @Override
    public AgentResult execute(AgentTask task, AgentContext context) {
        JobContext job = context.job().orElse(null);
        if (job == null) {
            return AgentResult.failed("Courses are generated inside AI jobs of type course_generation");
        }
        List<FieldViolation> invalid = schemas.validate("course-input", task.input());
        if (!invalid.isEmpty()) {
            return AgentResult.failed("The course input is invalid: " + describe(invalid));
        }
        try {
            return generate(job, CourseInput.from(task.input()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Course generation failed: " + e.getMessage(), e);
        }
    }

    private AgentResult generate(JobContext job, CourseInput input) throws Exception {
        ModelCalls calls = new ModelCalls(llm, job);
        CourseText text = CourseText.forLanguage(input.language());
        Map<String, Object> course = input.variables();

        JsonNode outline = job.step("outline", () -> {
            job.progress("Planning the course outline");
            return calls.structured(request(OUTLINE_TASK, "course-outline"), course);
        });
        List<JsonNode> modules = new ArrayList<>();
        outline.path("modules").forEach(modules::add);
        int lessonCount =
                modules.stream().mapToInt(m -> m.path("lessons").size()).sum();
        job.totalSteps(1 + lessonCount + modules.size() + 1);
        String courseTitle = outline.path("title").asString();

        List<Callable<JsonNode>> lessonSteps = new ArrayList<>();
        AtomicInteger written = new AtomicInteger();
        for (int m = 0; m < modules.size(); m++) {
            JsonNode module = modules.get(m);
            List<JsonNode> lessons = new ArrayList<>();
            module.path("lessons").forEach(lessons::add);
            for (int l = 0; l < lessons.size(); l++) {
                Map<String, Object> variables = lessonVariables(course, courseTitle, modules, m, lessons, l);
                String key = "lesson-" + (m + 1) + "-" + (l + 1);
                String title = lessons.get(l).path("title").asString();
                lessonSteps.add(() -> job.step(key, () -> {
                    job.progress("Writing lesson " + written.incrementAndGet() + " of " + lessonCount + ": " + title);
                    return calls.structured(request(LESSON_TASK, "course-lesson"), variables);
                }));
            }
        }
        List<JsonNode> lessonParts = ParallelSteps.run(lessonSteps, settings.parallelSteps());

        List<Callable<JsonNode>> quizSteps = new ArrayList<>();
        for (int m = 0; m < modules.size(); m++) {
            Map<String, Object> variables = quizVariables(course, courseTitle, modules.get(m), m);
            String key = "quiz-" + (m + 1);
            String title = modules.get(m).path("title").asString();
            quizSteps.add(() -> job.step(key, () -> {
                job.progress("Writing the quiz of module " + variables.get("moduleNumber") + ": " + title);
                return calls.structured(request(QUIZ_TASK, "course-quiz"), variables);
            }));
        }
        List<JsonNode> quizzes = ParallelSteps.run(quizSteps, settings.parallelSteps());

        ObjectNode result = assemble(outline, lessonParts, quizzes, text);
        List<FieldViolation> broken = schemas.validate("course-output", result);
        if (!broken.isEmpty()) {
            throw new IllegalStateException(
                    "The assembled course is not valid against course-output: " + describe(broken));
        }
        job.progress("Saving the course");
        // Stored under the job's lease: a worker that lost it stores nothing; a stored course is success.
        job.storeStep(
                "store",
                () -> NODES.objectNode()
                        .put(
                                "courseId",
                                content.storeCourse(job.job(), input, result)
                                        .id()
                                        .toString()));
        return AgentResult.success(result, AgentResult.Metrics.tokens(calls.inputTokens(), calls.outputTokens()));
    }

    private StructuredRequest request(String task, String prompt) {
        return Prompts.request(task, prompt, schemas.schemaNode(prompt), prompt);
    }

    static Map<String, Object> lessonVariables(
            Map<String, Object> course,
            String courseTitle,
            List<JsonNode> modules,
            int m,
            List<JsonNode> lessons,
            int l) {
        JsonNode lesson = lessons.get(l);
        Map<String, Object> variables = new LinkedHashMap<>(course);
        variables.put("courseTitle", courseTitle);
        variables.put("moduleNumber", m + 1);
        variables.put("moduleTitle", modules.get(m).path("title").asString());
        variables.put("lessonNumber", l + 1);
        variables.put("lessonCount", lessons.size());
        variables.put("lessonTitle", lesson.path("title").asString());
        variables.put("durationMinutes", lesson.path("durationMinutes").asInt());
        variables.put("lessonTopics", strings(lesson.path("topics")));
        List<String> siblings = new ArrayList<>();
        for (int i = 0; i < lessons.size(); i++) {
            if (i != l) {
                siblings.add(lessons.get(i).path("title").asString());
            }
        }
        variables.put("siblingLessons", siblings);
        return variables;
    }

    static Map<String, Object> quizVariables(Map<String, Object> course, String courseTitle, JsonNode module, int m) {
        Map<String, Object> variables = new LinkedHashMap<>(course);
        variables.put("courseTitle", courseTitle);
        variables.put("moduleNumber", m + 1);
        variables.put("moduleTitle", module.path("title").asString());
        variables.put("moduleSummary", module.path("summary").asString());
        List<Map<String, Object>> lessons = new ArrayList<>();
        StringBuilder overview = new StringBuilder();
        module.path("lessons").forEach(lesson -> {
            List<String> topics = strings(lesson.path("topics"));
            lessons.add(Map.of("title", lesson.path("title").asString(), "topics", topics));
            overview.append("- ")
                    .append(lesson.path("title").asString())
                    .append(": ")
                    .append(String.join(", ", topics))
                    .append('\n');
        });
        variables.put("lessons", lessons);
        variables.put("lessonOverview", overview.toString().strip());
        variables.put("questionCount", OfflineCourseWriter.questionCount(lessons.size()));
        return variables;
    }

    /** The course of API.md: the outline with each lesson's Markdown and exercises, and each module's quiz. */
    static ObjectNode assemble(JsonNode outline, List<JsonNode> lessonParts, List<JsonNode> quizzes, CourseText text) {
        ObjectNode course = NODES.objectNode();
        course.put("title", outline.path("title").asString());
        course.put("description", outline.path("description").asString());
        course.set("prerequisites", outline.path("prerequisites").deepCopy());
        ArrayNode modules = course.putArray("modules");
        int next = 0;
        int m = 0;
        for (JsonNode planned : outline.path("modules")) {
            ObjectNode module = modules.addObject();
            module.put("title", planned.path("title").asString());
            module.put("summary", planned.path("summary").asString());
            ArrayNode lessons = module.putArray("lessons");
            for (JsonNode plannedLesson : planned.path("lessons")) {
                JsonNode parts = lessonParts.get(next++);
                ObjectNode lesson = lessons.addObject();
                lesson.put("title", plannedLesson.path("title").asString());
                lesson.put(
                        "durationMinutes", plannedLesson.path("durationMinutes").asInt());
                lesson.set("topics", plannedLesson.path("topics").deepCopy());
                lesson.put("content", lessonMarkdown(parts, text));
                lesson.set("exercises", parts.path("exercises").deepCopy());
            }
            module.set(
                    "quiz",
                    NODES.objectNode()
                            .set("questions", quizzes.get(m++).path("questions").deepCopy()));
        }
        course.put("assessmentStrategy", outline.path("assessmentStrategy").asString());
        return course;
    }

    /** A lesson's parts as one Markdown text: level-2 headings for the parts, deeper ones inside them. */
    static String lessonMarkdown(JsonNode parts, CourseText text) {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(text.introductionHeading()).append("\n\n");
        md.append(MarkdownText.clampHeadings(
                        parts.path("introduction").asString().strip(), 3))
                .append("\n\n");
        md.append("## ").append(text.explanationHeading()).append("\n\n");
        md.append(MarkdownText.clampHeadings(
                        parts.path("explanation").asString().strip(), 3))
                .append("\n\n");
        md.append("## ").append(text.examplesHeading()).append("\n\n");
        for (JsonNode example : parts.path("examples")) {
            md.append("### ")
                    .append(MarkdownText.inline(example.path("title").asString()))
                    .append("\n\n");
            md.append(MarkdownText.clampHeadings(example.path("body").asString().strip(), 4))
                    .append("\n\n");
        }
        md.append("## ").append(text.exercisesHeading()).append("\n\n");
        int n = 1;
        for (JsonNode exercise : parts.path("exercises")) {
            md.append(n++)
                    .append(". ")
                    .append(exercise.path("prompt").asString().strip().replace("\n", "\n   "))
                    .append("\n\n   *")
                    .append(text.hintLabel())
                    .append("* ")
                    .append(exercise.path("hint").asString().strip().replace("\n", "\n   "))
                    .append("\n\n");
        }
        md.append("## ").append(text.summaryHeading()).append("\n\n");
        md.append(MarkdownText.clampHeadings(parts.path("summary").asString().strip(), 3))
                .append('\n');
        return md.toString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    static String describe(List<FieldViolation> violations) {
        return violations.stream()
                .limit(5)
                .map(v -> v.field() + " " + v.message())
                .collect(Collectors.joining("; "));
    }
}
