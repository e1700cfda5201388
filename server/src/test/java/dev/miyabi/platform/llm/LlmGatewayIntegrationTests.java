package dev.miyabi.platform.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.llm.internal.LlmProperties;
import dev.miyabi.platform.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gateway as the application wires it: offline by default, usage in PostgreSQL. */
class LlmGatewayIntegrationTests extends IntegrationTest {

    private static final JsonNode OUTLINE_SCHEMA;

    static {
        try (var in = LlmGatewayIntegrationTests.class.getResourceAsStream("/schemas/document-outline.schema.json")) {
            OUTLINE_SCHEMA = JsonMapper.builder().build().readTree(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Autowired
    LlmGateway gateway;

    @Autowired
    LlmProperties settings;

    @Test
    void withoutKeysTheApplicationAnswersOffline() {
        assertThat(gateway.chain()).first().isEqualTo(new GeneratedBy("offline", "miyabi-offline-1"));
    }

    @Test
    void pricesAndDefaultsAreBoundFromTheConfiguration() {
        assertThat(settings.prices()).containsKeys("claude-sonnet-4", "gpt-4.1", "gpt-4.1-mini");
        assertThat(settings.prices().get("gpt-4.1").output()).isEqualByComparingTo("8.00");
        assertThat(settings.budget().monthlyTokensPerUser()).isEqualTo(100_000);
        assertThat(settings.maxRepairs()).isEqualTo(2);
        assertThat(settings.retry().maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void callsAreRecordedAgainstTheirUserAndJob() {
        UUID user = register().id();
        UUID job = UUID.randomUUID();
        StructuredRequest request = StructuredRequest.of(
                        "document.outline", "You write proposals.", "Plan {{title}}.", OUTLINE_SCHEMA, "outline")
                .withVariables(Map.of("documentType", "proposal", "title", "Solar panels for schools"))
                .forUser(user, job);

        StructuredResult first = gateway.structured(request);
        StructuredResult second = gateway.structured(
                request.withVariables(Map.of("documentType", "report", "title", "Solar panels for schools")));
        gateway.structured(request.forUser(user, UUID.randomUUID())); // another job of the same user

        assertThat(first.json().path("sections").size()).isGreaterThanOrEqualTo(3);
        assertThat(first.generatedBy().offline()).isTrue();
        JobUsage usage = gateway.jobUsage(job);
        assertThat(usage.calls()).isEqualTo(2);
        assertThat(usage.usage()).isEqualTo(first.usage().plus(second.usage()));
        assertThat(usage.estimatedCost()).isZero();
        assertThat(usage.generatedBy()).containsExactly(new GeneratedBy("offline", "miyabi-offline-1"));
        assertThat(jdbc.sql("SELECT count(*) FROM llm_usage WHERE user_id = :user AND task = 'document.outline'")
                        .param("user", user)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }
}
