package dev.miyabi.platform.generation.internal;

import dev.miyabi.platform.generation.internal.CourseText.Example;
import dev.miyabi.platform.generation.internal.CourseText.Exercise;
import dev.miyabi.platform.generation.internal.CourseText.LessonBrief;
import dev.miyabi.platform.generation.internal.CourseText.ModuleKind;
import dev.miyabi.platform.generation.internal.CourseText.Question;
import dev.miyabi.platform.llm.OfflineResponder;
import dev.miyabi.platform.llm.StructuredRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The offline provider's answers for the course tasks ({@value CourseGeneratorAgent#OUTLINE_TASK},
 * {@value CourseGeneratorAgent#LESSON_TASK}, {@value CourseGeneratorAgent#QUIZ_TASK}): a real course
 * built from the request's variables — the modules follow the learning objectives, the lessons' minutes add
 * up to the course's hours, the texts name the topic, audience, difficulty and format — in English or
 * Japanese (other languages get English text). Deterministic and valid against the tasks' schemas.
 */
@Component
class OfflineCourseWriter implements OfflineResponder {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Which lesson roles (see {@link CourseText#lessonTitle}) a module of n lessons uses. */
    private static final Map<Integer, List<Integer>> ROLES = Map.of(
            3, List.of(1, 2, 5),
            4, List.of(0, 1, 2, 5),
            5, List.of(0, 1, 2, 3, 5),
            6, List.of(0, 1, 2, 3, 4, 5));

    @Override
    public boolean supports(String task) {
        return task.equals(CourseGeneratorAgent.OUTLINE_TASK)
                || task.equals(CourseGeneratorAgent.LESSON_TASK)
                || task.equals(CourseGeneratorAgent.QUIZ_TASK);
    }

    @Override
    public JsonNode respond(StructuredRequest request) {
        return switch (request.task()) {
            case CourseGeneratorAgent.OUTLINE_TASK -> outline(input(request));
            case CourseGeneratorAgent.LESSON_TASK -> lesson(request);
            case CourseGeneratorAgent.QUIZ_TASK -> quiz(request);
            default -> throw new IllegalArgumentException("Not a course task: " + request.task());
        };
    }

    /** The course request back from the prompt variables. */
    static CourseInput input(StructuredRequest request) {
        return new CourseInput(
                request.text("topic").orElse("the subject"),
                request.text("targetAudience").orElse("learners"),
                request.text("difficulty").orElse("beginner"),
                Double.parseDouble(request.text("estimatedHours").orElse("4")),
                request.texts("learningObjectives"),
                request.text("format").orElse("text"),
                request.language());
    }

    static ObjectNode outline(CourseInput input) {
        CourseText text = CourseText.forLanguage(input.language());
        int moduleCount = input.moduleCount();
        int lessonsPerModule = input.lessonsPerModule();
        List<Plan> plans = plan(
                input.learningObjectives().isEmpty() ? List.of(input.topic()) : input.learningObjectives(),
                moduleCount);
        int lessons = moduleCount * lessonsPerModule;
        int base = input.totalMinutes() / 5 / lessons * 5;
        int longer = (input.totalMinutes() - base * lessons) / 5;

        ObjectNode outline = NODES.objectNode();
        outline.put("title", text.courseTitle(input));
        outline.put("description", text.description(input));
        ArrayNode prerequisites = outline.putArray("prerequisites");
        text.prerequisites(input).forEach(prerequisites::add);
        ArrayNode modules = outline.putArray("modules");
        int lessonIndex = 0;
        for (Plan plan : plans) {
            ObjectNode module = modules.addObject();
            module.put("title", text.moduleTitle(plan.kind(), input, plan.focus()));
            module.put("summary", text.moduleSummary(plan.kind(), input, plan.focus()));
            ArrayNode moduleLessons = module.putArray("lessons");
            List<Integer> roles = roles(plan.kind(), lessonsPerModule);
            for (int i = 0; i < roles.size(); i++) {
                String focus = plan.focus().isEmpty()
                        ? input.topic()
                        : plan.focus().get(i % plan.focus().size());
                ObjectNode lesson = moduleLessons.addObject();
                lesson.put("title", text.lessonTitle(plan.kind(), roles.get(i), input, focus));
                lesson.put("durationMinutes", base + (lessonIndex++ < longer ? 5 : 0));
                ArrayNode topics = lesson.putArray("topics");
                text.lessonTopics(plan.kind(), roles.get(i), input, focus).forEach(topics::add);
            }
        }
        outline.put("assessmentStrategy", text.assessmentStrategy(input, moduleCount, questionCount(lessonsPerModule)));
        return outline;
    }

    /** A module's kind and the objectives it teaches. */
    record Plan(ModuleKind kind, List<String> focus) {}

    /**
     * Foundations first, a capstone last, the objectives in between: grouped when there are more objectives
     * than modules, each followed by a "beyond the basics" module when there are modules to spare.
     */
    static List<Plan> plan(List<String> objectives, int moduleCount) {
        List<Plan> plans = new ArrayList<>();
        plans.add(new Plan(ModuleKind.FOUNDATIONS, List.of()));
        int middle = moduleCount - 2;
        int k = objectives.size();
        if (k >= middle) {
            int start = 0;
            for (int g = 0; g < middle; g++) {
                int size = k / middle + (g < k % middle ? 1 : 0);
                plans.add(new Plan(ModuleKind.OBJECTIVE, objectives.subList(start, start + size)));
                start += size;
            }
        } else {
            int extra = middle - k;
            for (int i = 0; i < k; i++) {
                plans.add(new Plan(ModuleKind.OBJECTIVE, List.of(objectives.get(i))));
                if (i < extra) {
                    plans.add(new Plan(ModuleKind.DEEPENING, List.of(objectives.get(i))));
                }
            }
        }
        plans.add(new Plan(ModuleKind.CAPSTONE, List.of()));
        return plans;
    }

    private static List<Integer> roles(ModuleKind kind, int lessons) {
        return switch (kind) {
            case FOUNDATIONS -> List.of(0, 1, 2, 3, 4, 5).subList(0, lessons);
            case CAPSTONE -> {
                List<Integer> roles = new ArrayList<>(List.of(0, 1, 2, 3, 4).subList(0, lessons - 1));
                roles.add(5);
                yield roles;
            }
            default -> ROLES.get(lessons);
        };
    }

    /** Questions of a module's quiz: two more than it has lessons, 5 to 10. */
    static int questionCount(int lessons) {
        return CourseInput.clamp(lessons + 2, 5, 10);
    }

    static ObjectNode lesson(StructuredRequest request) {
        CourseText text = CourseText.forLanguage(request.language());
        LessonBrief brief = new LessonBrief(
                request.text("topic").orElse(""),
                request.text("courseTitle").orElse(""),
                request.text("targetAudience").orElse(""),
                request.text("difficulty").orElse("beginner"),
                request.text("format").orElse("text"),
                request.text("moduleTitle").orElse(""),
                number(request, "moduleNumber", 1),
                request.text("lessonTitle").orElse(""),
                number(request, "lessonNumber", 1),
                number(request, "lessonCount", 1),
                number(request, "durationMinutes", 15),
                request.texts("lessonTopics"));
        ObjectNode lesson = NODES.objectNode();
        lesson.put("introduction", text.introduction(brief));
        lesson.put("explanation", text.explanation(brief));
        ArrayNode examples = lesson.putArray("examples");
        for (Example example : text.examples(brief)) {
            examples.addObject().put("title", example.title()).put("body", example.body());
        }
        ArrayNode exercises = lesson.putArray("exercises");
        for (Exercise exercise : text.exercises(brief)) {
            exercises.addObject().put("prompt", exercise.prompt()).put("hint", exercise.hint());
        }
        lesson.put("summary", text.summary(brief));
        return lesson;
    }

    static ObjectNode quiz(StructuredRequest request) {
        CourseText text = CourseText.forLanguage(request.language());
        String moduleTitle = request.text("moduleTitle").orElse("");
        int moduleNumber = number(request, "moduleNumber", 1);
        int count = number(request, "questionCount", 5);
        List<LessonRef> lessons = lessons(request.variables().get("lessons"));

        List<Question> topicQuestions = new ArrayList<>();
        List<Question> lessonQuestions = new ArrayList<>();
        for (LessonRef lesson : lessons) {
            String correct = text.joinTopics(lesson.topics().stream().limit(3).toList());
            List<String> wrong = new ArrayList<>();
            for (LessonRef other : lessons) {
                if (other != lesson) {
                    wrong.add(text.joinTopics(other.topics().stream().limit(3).toList()));
                }
            }
            wrong.addAll(text.fillerTopics());
            topicQuestions.add(text.topicsOfLesson(lesson.title(), correct, wrong));
            String topic = lesson.topics().size() > 1
                    ? lesson.topics().get(1)
                    : lesson.topics().isEmpty() ? "" : lesson.topics().getFirst();
            boolean unique = !topic.isEmpty()
                    && lessons.stream().filter(l -> l.topics().contains(topic)).count() == 1;
            if (unique) {
                List<String> others = new ArrayList<>(lessons.stream()
                        .filter(l -> l != lesson)
                        .map(LessonRef::title)
                        .toList());
                others.addAll(text.fillerLessons());
                lessonQuestions.add(text.lessonOfTopic(topic, lesson.title(), others));
            }
        }
        List<Question> chosen = new ArrayList<>(topicQuestions);
        int practice = 0;
        int next = 0;
        while (chosen.size() < count) {
            if (next < lessonQuestions.size() && (practice >= 4 || chosen.size() % 2 == 0)) {
                chosen.add(lessonQuestions.get(next++));
            } else {
                chosen.add(text.practice(moduleTitle, practice++));
            }
        }
        ObjectNode quiz = NODES.objectNode();
        ArrayNode questions = quiz.putArray("questions");
        for (int q = 0; q < Math.min(count, chosen.size()); q++) {
            Question question = chosen.get(q);
            List<String> options = options(question);
            int position = (q * 3 + moduleNumber) % 4;
            options.add(position, question.correct());
            ObjectNode node = questions.addObject();
            node.put("question", question.question());
            ArrayNode optionNodes = node.putArray("options");
            options.forEach(optionNodes::add);
            node.put("answerIndex", position);
            node.put("explanation", question.explanation());
        }
        return quiz;
    }

    /** Three distinct wrong options, none equal to the correct one. */
    private static List<String> options(Question question) {
        Set<String> wrong = new LinkedHashSet<>(question.wrong());
        wrong.remove(question.correct());
        return new ArrayList<>(wrong.stream().limit(3).toList());
    }

    record LessonRef(String title, List<String> topics) {}

    private static List<LessonRef> lessons(Object value) {
        List<LessonRef> lessons = new ArrayList<>();
        if (value instanceof Collection<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> map) {
                    List<String> topics = map.get("topics") instanceof Collection<?> list
                            ? list.stream().map(String::valueOf).toList()
                            : List.of();
                    lessons.add(new LessonRef(String.valueOf(map.get("title")), topics));
                }
            }
        }
        return lessons;
    }

    private static int number(StructuredRequest request, String name, int fallback) {
        try {
            return request.text(name).map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
