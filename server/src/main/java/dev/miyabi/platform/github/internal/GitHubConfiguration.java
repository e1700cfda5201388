package dev.miyabi.platform.github.internal;

import dev.miyabi.platform.agents.AgentTaskIssues;
import dev.miyabi.platform.agents.Orchestrator;
import dev.miyabi.platform.identity.UserDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mirror's parts. Only with a repository configured are the outbox delivery and the reconciliation
 * scheduled; without one nothing polls and nothing calls GitHub.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GitHubProperties.class)
class GitHubConfiguration implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(GitHubConfiguration.class);

    private final GitHubProperties properties;
    private final ObjectProvider<IssueSync> sync;
    private final ObjectProvider<Reconciliation> reconciliation;

    GitHubConfiguration(
            GitHubProperties properties,
            ObjectProvider<IssueSync> sync,
            ObjectProvider<Reconciliation> reconciliation) {
        this.properties = properties;
        this.sync = sync;
        this.reconciliation = reconciliation;
    }

    @Bean
    GitHubClient gitHubClient(MirrorState state, JsonMapper json, Clock clock, MeterRegistry meters) {
        GitHubClient client = new GitHubClient(properties, state, json, clock, meters);
        if (properties.enabled()) {
            new GitHubAuth(properties, clock).attach(client);
        }
        return client;
    }

    @Bean
    GitHubSignals gitHubSignals(IssueOutbox outbox, Orchestrator board, UserDirectory users) {
        return new GitHubSignals(outbox, board, users);
    }

    @Bean
    IssueSync issueSync(
            GitHubClient client,
            IssueOutbox outbox,
            MirrorState state,
            Orchestrator board,
            AgentTaskIssues links,
            Clock clock) {
        return new IssueSync(client, outbox, state, board, links, properties, clock, instanceId());
    }

    @Bean
    Reconciliation gitHubReconciliation(GitHubClient client, MirrorState state, GitHubSignals signals) {
        return new Reconciliation(client, state, signals, properties);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (!properties.enabled()) {
            return;
        }
        log.info("Mirroring the agent board to GitHub: {}", properties);
        registrar.addFixedDelayTask(new FixedDelayTask(
                () -> sync.getObject().deliverDue(), properties.pollInterval(), properties.pollInterval()));
        registrar.addFixedDelayTask(new FixedDelayTask(
                () -> reconciliation.getObject().run(), properties.reconcileInterval(), properties.pollInterval()));
    }

    private static String instanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "host";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
