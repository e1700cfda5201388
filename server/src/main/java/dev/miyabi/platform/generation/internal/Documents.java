package dev.miyabi.platform.generation.internal;

import dev.miyabi.platform.generation.DocumentSummary;
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
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The table {@code documents}. */
@Repository
class Documents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String SUMMARY = """
            SELECT id, job_id, order_id, user_id, document_type, title, audience, tone, language, generated_by,
                created_at, length(markdown) AS characters,
                (SELECT coalesce(jsonb_agg(s -> 'heading'), '[]') FROM jsonb_array_elements(sections) s) AS headings
            FROM documents
            """;

    private final JdbcClient jdbc;

    Documents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the document; false, inserting nothing, when the job already has one. */
    boolean insert(
            UUID id,
            UUID jobId,
            @Nullable UUID orderId,
            UUID userId,
            DocumentInput input,
            JsonNode document,
            @Nullable String generatedBy) {
        int inserted = jdbc.sql("""
                        INSERT INTO documents (id, job_id, order_id, user_id, document_type, title, audience, tone,
                            language, data_points, sections, markdown, generated_by)
                        VALUES (:id, :job, :order, :user, :type, :title, :audience, :tone, :language,
                            CAST(:data AS JSONB), CAST(:sections AS JSONB), :markdown, :generatedBy)
                        ON CONFLICT (job_id) DO NOTHING
                        """)
                .param("id", id)
                .param("job", jobId)
                .param("order", orderId)
                .param("user", userId)
                .param("type", input.documentType())
                .param("title", document.path("title").asString())
                .param("audience", input.audience())
                .param("tone", input.tone())
                .param("language", input.language())
                .param("data", JSON.writeValueAsString(input.dataPoints()))
                .param("sections", JSON.writeValueAsString(document.path("sections")))
                .param("markdown", document.path("markdown").asString())
                .param("generatedBy", generatedBy)
                .update();
        return inserted > 0;
    }

    Optional<DocumentSummary> find(UUID id) {
        return jdbc.sql(SUMMARY + " WHERE id = :id")
                .param("id", id)
                .query(Documents::summary)
                .optional();
    }

    java.util.List<UUID> jobsAfter(UUID after, int limit) {
        return jdbc.sql("SELECT job_id FROM documents WHERE job_id > :after ORDER BY job_id LIMIT :limit")
                .param("after", after)
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    Optional<DocumentSummary> findByJob(UUID jobId) {
        return jdbc.sql(SUMMARY + " WHERE job_id = :job")
                .param("job", jobId)
                .query(Documents::summary)
                .optional();
    }

    Optional<JsonNode> content(UUID id) {
        return jdbc.sql("SELECT title, sections, markdown FROM documents WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> {
                    ObjectNode node = JsonNodeFactory.instance.objectNode();
                    node.put("title", rs.getString("title"));
                    node.set("sections", JSON.readTree(rs.getString("sections")));
                    node.put("markdown", rs.getString("markdown"));
                    return (JsonNode) node;
                })
                .optional();
    }

    private static DocumentSummary summary(ResultSet rs, int row) throws SQLException {
        List<String> headings = new ArrayList<>();
        JSON.readTree(rs.getString("headings")).forEach(heading -> headings.add(heading.asString()));
        return new DocumentSummary(
                rs.getObject("id", UUID.class),
                rs.getObject("job_id", UUID.class),
                rs.getObject("order_id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getString("document_type"),
                rs.getString("title"),
                rs.getString("audience"),
                rs.getString("tone"),
                rs.getString("language"),
                headings,
                rs.getInt("characters"),
                rs.getString("generated_by"),
                rs.getTimestamp("created_at").toInstant());
    }
}
