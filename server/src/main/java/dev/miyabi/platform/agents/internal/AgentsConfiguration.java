package dev.miyabi.platform.agents.internal;

import dev.miyabi.platform.agents.Agent;
import dev.miyabi.platform.agents.AgentRegistry;
import dev.miyabi.platform.aijobs.JobHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The registry of the agent beans, the orchestrator, and the job handler that runs dispatched tasks. */
@Configuration(proxyBeanMethods = false)
class AgentsConfiguration {

    @Bean
    AgentRegistry agentRegistry(ObjectProvider<Agent> agents, AgentsProperties properties) {
        return new AgentRegistry(agents.orderedStream().toList(), properties.requireAll());
    }

    @Bean
    DefaultOrchestrator orchestrator(AgentRegistry registry, AgentTaskBoard board) {
        return new DefaultOrchestrator(registry, board);
    }

    @Bean
    JobHandler agentTaskJobHandler(ObjectProvider<DefaultOrchestrator> orchestrator) {
        return new AgentTaskJobHandler(orchestrator::getObject);
    }
}
