package dev.miyabi.platform.generation.internal;

import dev.miyabi.platform.generation.CourseSummary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The tables {@code courses}, {@code course_modules}, {@code course_lessons}, {@code course_quiz_questions}. */
@Repository
class Courses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String SUMMARY = """
            SELECT c.id, c.job_id, c.order_id, c.user_id, c.title, c.description, c.language, c.difficulty,
                c.generated_by, c.created_at,
                (SELECT coalesce(jsonb_agg(m.title ORDER BY m.position), '[]') FROM course_modules m
                    WHERE m.course_id = c.id) AS module_titles,
                (SELECT count(*) FROM course_lessons l JOIN course_modules m ON m.id = l.module_id
                    WHERE m.course_id = c.id) AS lessons,
                (SELECT coalesce(sum(l.duration_minutes), 0) FROM course_lessons l
                    JOIN course_modules m ON m.id = l.module_id WHERE m.course_id = c.id) AS minutes,
                (SELECT count(*) FROM course_quiz_questions q JOIN course_modules m ON m.id = q.module_id
                    WHERE m.course_id = c.id) AS questions
            FROM courses c
            """;

    private final JdbcClient jdbc;

    Courses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the course with its modules, lessons and quiz questions (call inside a transaction); false,
     * inserting nothing, when the job already has a course.
     */
    boolean insert(
            UUID id,
            UUID jobId,
            @Nullable UUID orderId,
            UUID userId,
            CourseInput input,
            JsonNode course,
            @Nullable String generatedBy) {
        int inserted = jdbc.sql("""
                        INSERT INTO courses (id, job_id, order_id, user_id, title, description, topic, target_audience,
                            difficulty, format, language, estimated_hours, prerequisites, assessment_strategy, generated_by)
                        VALUES (:id, :job, :order, :user, :title, :description, :topic, :audience, :difficulty, :format,
                            :language, :hours, CAST(:prerequisites AS JSONB), :assessment, :generatedBy)
                        ON CONFLICT (job_id) DO NOTHING
                        """)
                .param("id", id)
                .param("job", jobId)
                .param("order", orderId)
                .param("user", userId)
                .param("title", course.path("title").asString())
                .param("description", course.path("description").asString())
                .param("topic", input.topic())
                .param("audience", input.targetAudience())
                .param("difficulty", input.difficulty())
                .param("format", input.format())
                .param("language", input.language())
                .param("hours", java.math.BigDecimal.valueOf(input.estimatedHours()))
                .param("prerequisites", JSON.writeValueAsString(course.path("prerequisites")))
                .param("assessment", course.path("assessmentStrategy").asString())
                .param("generatedBy", generatedBy)
                .update();
        if (inserted == 0) {
            return false;
        }
        int position = 0;
        for (JsonNode module : course.path("modules")) {
            UUID moduleId = UUID.randomUUID();
            jdbc.sql("""
                            INSERT INTO course_modules (id, course_id, position, title, summary)
                            VALUES (:id, :course, :position, :title, :summary)
                            """)
                    .param("id", moduleId)
                    .param("course", id)
                    .param("position", position++)
                    .param("title", module.path("title").asString())
                    .param("summary", module.path("summary").asString())
                    .update();
            int lessonPosition = 0;
            for (JsonNode lesson : module.path("lessons")) {
                jdbc.sql("""
                                INSERT INTO course_lessons (id, module_id, position, title, duration_minutes, topics,
                                    content, exercises)
                                VALUES (:id, :module, :position, :title, :minutes, CAST(:topics AS JSONB), :content,
                                    CAST(:exercises AS JSONB))
                                """)
                        .param("id", UUID.randomUUID())
                        .param("module", moduleId)
                        .param("position", lessonPosition++)
                        .param("title", lesson.path("title").asString())
                        .param("minutes", lesson.path("durationMinutes").asInt())
                        .param("topics", JSON.writeValueAsString(lesson.path("topics")))
                        .param("content", lesson.path("content").asString())
                        .param("exercises", JSON.writeValueAsString(lesson.path("exercises")))
                        .update();
            }
            int questionPosition = 0;
            for (JsonNode question : module.path("quiz").path("questions")) {
                jdbc.sql("""
                                INSERT INTO course_quiz_questions (id, module_id, position, question, options,
                                    answer_index, explanation)
                                VALUES (:id, :module, :position, :question, CAST(:options AS JSONB), :answer,
                                    :explanation)
                                """)
                        .param("id", UUID.randomUUID())
                        .param("module", moduleId)
                        .param("position", questionPosition++)
                        .param("question", question.path("question").asString())
                        .param("options", JSON.writeValueAsString(question.path("options")))
                        .param("answer", question.path("answerIndex").asInt())
                        .param("explanation", question.path("explanation").asString())
                        .update();
            }
        }
        return true;
    }

    Optional<CourseSummary> find(UUID id) {
        return jdbc.sql(SUMMARY + " WHERE c.id = :id")
                .param("id", id)
                .query(Courses::summary)
                .optional();
    }

    java.util.List<UUID> jobsAfter(UUID after, int limit) {
        return jdbc.sql("SELECT job_id FROM courses WHERE job_id > :after ORDER BY job_id LIMIT :limit")
                .param("after", after)
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    Optional<CourseSummary> findByJob(UUID jobId) {
        return jdbc.sql(SUMMARY + " WHERE c.job_id = :job")
                .param("job", jobId)
                .query(Courses::summary)
                .optional();
    }

    /** The course in the shape of the job result, rebuilt from the tables. */
    Optional<JsonNode> content(UUID id) {
        Optional<ObjectNode> course = jdbc.sql("""
                        SELECT title, description, prerequisites, assessment_strategy FROM courses WHERE id = :id
                        """)
                .param("id", id)
                .query((rs, row) -> {
                    ObjectNode node = JsonNodeFactory.instance.objectNode();
                    node.put("title", rs.getString("title"));
                    node.put("description", rs.getString("description"));
                    node.set("prerequisites", JSON.readTree(rs.getString("prerequisites")));
                    node.put("assessmentStrategy", rs.getString("assessment_strategy"));
                    return node;
                })
                .optional();
        course.ifPresent(node -> {
            ArrayNode modules = JsonNodeFactory.instance.arrayNode();
            List<UUID> moduleIds = new ArrayList<>();
            jdbc.sql("SELECT id, title, summary FROM course_modules WHERE course_id = :id ORDER BY position")
                    .param("id", id)
                    .query(rs -> {
                        moduleIds.add(rs.getObject("id", UUID.class));
                        modules.addObject().put("title", rs.getString("title")).put("summary", rs.getString("summary"));
                    });
            for (int i = 0; i < moduleIds.size(); i++) {
                ObjectNode module = (ObjectNode) modules.get(i);
                ArrayNode lessons = module.putArray("lessons");
                jdbc.sql("""
                                SELECT title, duration_minutes, topics, content, exercises FROM course_lessons
                                WHERE module_id = :module ORDER BY position
                                """).param("module", moduleIds.get(i)).query(rs -> {
                    ObjectNode lesson = lessons.addObject();
                    lesson.put("title", rs.getString("title"));
                    lesson.put("durationMinutes", rs.getInt("duration_minutes"));
                    lesson.set("topics", JSON.readTree(rs.getString("topics")));
                    lesson.put("content", rs.getString("content"));
                    lesson.set("exercises", JSON.readTree(rs.getString("exercises")));
                });
                ArrayNode questions = module.putObject("quiz").putArray("questions");
                jdbc.sql("""
                                SELECT question, options, answer_index, explanation FROM course_quiz_questions
                                WHERE module_id = :module ORDER BY position
                                """).param("module", moduleIds.get(i)).query(rs -> {
                    ObjectNode question = questions.addObject();
                    question.put("question", rs.getString("question"));
                    question.set("options", JSON.readTree(rs.getString("options")));
                    question.put("answerIndex", rs.getInt("answer_index"));
                    question.put("explanation", rs.getString("explanation"));
                });
            }
            node.set("modules", modules);
            // Keep the API's field order: modules before assessmentStrategy.
            String assessment = node.remove("assessmentStrategy").asString();
            node.put("assessmentStrategy", assessment);
        });
        return course.map(node -> node);
    }

    private static CourseSummary summary(ResultSet rs, int row) throws SQLException {
        List<String> titles = new ArrayList<>();
        JSON.readTree(rs.getString("module_titles")).forEach(title -> titles.add(title.asString()));
        return new CourseSummary(
                rs.getObject("id", UUID.class),
                rs.getObject("job_id", UUID.class),
                rs.getObject("order_id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getString("title"),
                rs.getString("description"),
                rs.getString("language"),
                rs.getString("difficulty"),
                titles,
                rs.getInt("lessons"),
                rs.getInt("minutes"),
                rs.getInt("questions"),
                rs.getString("generated_by"),
                rs.getTimestamp("created_at").toInstant());
    }
}
