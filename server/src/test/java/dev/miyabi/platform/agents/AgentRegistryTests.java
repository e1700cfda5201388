package dev.miyabi.platform.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class AgentRegistryTests {

    @Test
    void theFiveAgentsKeepTheirIdsAndWireNames() {
        assertThat(Arrays.stream(AgentType.values()).map(AgentType::id)).containsExactly(201, 202, 203, 204, 205);
        assertThat(AgentType.COURSE_GENERATOR.value()).isEqualTo("course_generator");
        assertThat(AgentType.APPROVAL_WORKFLOW.value()).isEqualTo("approval_workflow");
        assertThat(AgentType.parse("203")).contains(AgentType.CONTENT_SEARCH);
        assertThat(AgentType.parse("payment_processor")).contains(AgentType.PAYMENT_PROCESSOR);
        assertThat(AgentType.parse("PAYMENT_PROCESSOR")).isEmpty();
        assertThat(AgentType.byId(202)).contains(AgentType.DOCUMENT_GENERATOR);
    }

    @Test
    void startsWhenEveryTypeHasAnAgent() {
        List<Agent> all =
                Arrays.stream(AgentType.values()).map(AgentRegistryTests::agent).toList();

        AgentRegistry registry = new AgentRegistry(all, true);

        assertThat(registry.registered()).containsExactlyInAnyOrder(AgentType.values());
        assertThat(registry.find(AgentType.CONTENT_SEARCH)).containsSame(all.get(2));
    }

    @Test
    void aMissingAgentIsAStartUpErrorThatNamesTheTypesAndTheSwitch() {
        List<Agent> some = List.of(agent(AgentType.COURSE_GENERATOR), agent(AgentType.PAYMENT_PROCESSOR));

        assertThatThrownBy(() -> new AgentRegistry(some, true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("document_generator (202)")
                .hasMessageContaining("content_search (203)")
                .hasMessageContaining("approval_workflow (205)")
                .hasMessageNotContaining("course_generator")
                .hasMessageContaining(AgentRegistry.REQUIRE_ALL_PROPERTY + "=false");
    }

    @Test
    void missingAgentsAreAllowedWhenNotRequired() {
        AgentRegistry registry = new AgentRegistry(List.of(agent(AgentType.COURSE_GENERATOR)), false);

        assertThat(registry.registered()).containsExactly(AgentType.COURSE_GENERATOR);
        assertThat(registry.has(AgentType.DOCUMENT_GENERATOR)).isFalse();
        assertThat(registry.find(AgentType.DOCUMENT_GENERATOR)).isEmpty();
        assertThat(new AgentRegistry(List.of(), false).registered()).isEmpty();
    }

    @Test
    void twoAgentsForOneTypeAreAlwaysAnError() {
        List<Agent> twice = List.of(agent(AgentType.CONTENT_SEARCH), agent(AgentType.CONTENT_SEARCH));

        assertThatThrownBy(() -> new AgentRegistry(twice, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Two agents for content_search (203)");
    }

    @Test
    void aResultThatIsNotASuccessMustSayWhy() {
        assertThatThrownBy(() -> new AgentResult(AgentResult.Status.FAILED, null, " ", AgentResult.Metrics.none()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AgentResult.escalated("stage timed out", null).toString()).contains("stage timed out");
        assertThat(new AgentExecution(null, AgentResult.escalated("stage timed out", null)).toJobOutcome())
                .hasToString("Failed[error=Escalated: stage timed out]");
        assertThat(new AgentExecution(
                                null,
                                AgentResult.success(
                                        JsonNodeFactory.instance.objectNode().put("a", 1)))
                        .toJobOutcome())
                .hasToString("Completed[output={\"a\":1}]");
    }

    private static Agent agent(AgentType type) {
        return new Agent() {
            @Override
            public AgentType type() {
                return type;
            }

            @Override
            public AgentResult execute(AgentTask task, AgentContext context) {
                return AgentResult.success(JsonNodeFactory.instance.objectNode());
            }
        };
    }
}
