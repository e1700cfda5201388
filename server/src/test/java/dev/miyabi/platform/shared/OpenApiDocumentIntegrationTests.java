package dev.miyabi.platform.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps {@code web/openapi.json} — the document the web UI's TypeScript types are generated from —
 * identical to the live {@code /v3/api-docs}, so the UI cannot drift from the server. After an API
 * change, refresh it with {@code ./mvnw -pl server test -Dtest=OpenApiDocumentIntegrationTests
 * -Dmiyabi.openapi.write=true}.
 */
class OpenApiDocumentIntegrationTests extends IntegrationTest {

    static final String WRITE_PROPERTY = "miyabi.openapi.write";

    private static final Path COMMITTED = Path.of("..", "web", "openapi.json");

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    @Test
    void theWebUisCopyOfTheApiDocumentIsCurrent() throws IOException {
        JsonNode live = liveDocument();

        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            Files.writeString(COMMITTED, JSON.writeValueAsString(sorted(live)) + "\n", StandardCharsets.UTF_8);
        }

        assertThat(COMMITTED)
                .as("web/openapi.json is missing; write it with -D" + WRITE_PROPERTY + "=true")
                .exists();
        JsonNode committed = JSON.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8));
        assertThat(committed)
                .as("web/openapi.json differs from the live /v3/api-docs: the API changed. Refresh it with "
                        + "./mvnw -pl server test -Dtest=OpenApiDocumentIntegrationTests -D" + WRITE_PROPERTY
                        + "=true and regenerate the UI's types (npm run generate:api in web/)")
                .isEqualTo(live);
    }

    private JsonNode liveDocument() {
        Api.Response response = api.get("/v3/api-docs").send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        ObjectNode document = (ObjectNode) JSON.readTree(response.body());
        // The generated server URL names this test's random port; the UI calls its own origin.
        document.remove("servers");
        return document;
    }

    /** Object keys in a stable order, so the committed file diffs cleanly between API changes. */
    private static JsonNode sorted(JsonNode node) {
        return JSON.readTree(JSON.writeValueAsString(JSON.treeToValue(node, Object.class)));
    }
}
