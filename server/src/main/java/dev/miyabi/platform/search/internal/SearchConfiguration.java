package dev.miyabi.platform.search.internal;

import dev.miyabi.platform.agents.AgentJobHandler;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.agents.Orchestrator;
import dev.miyabi.platform.aijobs.JobHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The indexing jobs: each is one ContentSearchAgent (203) task on the board. */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    @Bean
    JobHandler searchIndexingJobs(Orchestrator orchestrator) {
        return AgentJobHandler.of(IndexingJobs.TYPE, AgentType.CONTENT_SEARCH, orchestrator, IndexingJobs::title);
    }
}
