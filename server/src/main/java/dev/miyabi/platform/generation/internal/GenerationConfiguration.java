package dev.miyabi.platform.generation.internal;

import dev.miyabi.platform.agents.AgentJobHandler;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.agents.Orchestrator;
import dev.miyabi.platform.aijobs.JobHandler;
import dev.miyabi.platform.generation.GenerationJobs;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The job types of the generation agents: each job is one task of its agent on the board. */
@Configuration(proxyBeanMethods = false)
class GenerationConfiguration {

    @Bean
    JobHandler courseGenerationJobs(Orchestrator orchestrator) {
        return AgentJobHandler.of(
                GenerationJobs.COURSE,
                AgentType.COURSE_GENERATOR,
                orchestrator,
                job -> "Generate course: " + job.input().path("topic").asString());
    }

    @Bean
    JobHandler documentGenerationJobs(Orchestrator orchestrator) {
        return AgentJobHandler.of(
                GenerationJobs.DOCUMENT,
                AgentType.DOCUMENT_GENERATOR,
                orchestrator,
                job -> "Generate " + job.input().path("documentType").asString("document") + ": "
                        + job.input().path("title").asString());
    }
}
