package dev.miyabi.platform.aijobs.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/** The {@code ai_job_steps} table: the output of every finished durable step, kept across attempts. */
class JobSteps {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    JobSteps(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The finished steps of a job by key, in the order they finished. */
    Map<String, JsonNode> outputs(UUID jobId) {
        Map<String, JsonNode> outputs = new LinkedHashMap<>();
        jdbc.sql("SELECT step_key, output FROM ai_job_steps WHERE job_id = :job ORDER BY completed_at, step_key")
                .param("job", jobId)
                .query(rs -> {
                    String output = rs.getString(2);
                    outputs.put(rs.getString(1), output == null ? NullNode.getInstance() : JSON.readTree(output));
                });
        return outputs;
    }

    /** Stores a finished step; returns false if a step with that key was already stored. */
    boolean insert(UUID jobId, String key, @Nullable JsonNode output, long inputTokens, long outputTokens) {
        return jdbc.sql("""
                        INSERT INTO ai_job_steps (job_id, step_key, output, input_tokens, output_tokens)
                        VALUES (:job, :key, CAST(:output AS JSONB), :in, :out)
                        ON CONFLICT (job_id, step_key) DO NOTHING
                        """)
                        .param("job", jobId)
                        .param("key", key)
                        .param("output", output == null || output.isNull() ? null : JSON.writeValueAsString(output))
                        .param("in", inputTokens)
                        .param("out", outputTokens)
                        .update()
                > 0;
    }
}
