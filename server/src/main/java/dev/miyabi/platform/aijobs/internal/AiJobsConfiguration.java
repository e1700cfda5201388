package dev.miyabi.platform.aijobs.internal;

import dev.miyabi.platform.aijobs.AiJobs;
import dev.miyabi.platform.aijobs.JobHandler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/** Wires the queue: the handlers found as beans, the facade, and this instance's workers. */
@Configuration(proxyBeanMethods = false)
class AiJobsConfiguration {

    @Bean
    JobHandlers jobHandlers(ObjectProvider<JobHandler> handlers) {
        return new JobHandlers(() -> handlers.orderedStream().toList());
    }

    @Bean
    JobQueue jobQueue(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            ApplicationEventPublisher events,
            JobsProperties properties,
            JobNotifier notifier) {
        return new JobQueue(jdbc, transactions, events, properties, notifier);
    }

    /** Sends the queue's {@code NOTIFY}s after commit, on a connection of its own (not the pool's). */
    @Bean(destroyMethod = "close")
    JobNotifier jobNotifier(DataSource dataSource) {
        return new JobNotifier(JobNotifier.connections(dataSource), "miyabi");
    }

    @Bean
    AiJobs aiJobs(JobQueue queue, JobHandlers handlers) {
        return new JobService(queue, handlers);
    }

    @Bean
    JobQueueMetrics jobQueueMetrics(JobQueue queue, Clock clock) {
        return new JobQueueMetrics(queue.jobs(), clock);
    }

    @Bean
    @ConditionalOnProperty(name = "miyabi.jobs.enabled", havingValue = "true", matchIfMissing = true)
    WorkerPool jobWorkers(
            JobsProperties properties, JobHandlers handlers, JobQueue queue, JsonMapper json, DataSource dataSource) {
        return new WorkerPool(
                instanceId(properties), properties, handlers, queue, json, Backoff.of(properties), dataSource);
    }

    /** The configured id, else host name, process id and a random suffix (unique per start). */
    static String instanceId(JobsProperties properties) {
        if (properties.instanceId() != null && !properties.instanceId().isBlank()) {
            return properties.instanceId();
        }
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "miyabi";
            }
        }
        byte[] suffix = new byte[3];
        ThreadLocalRandom.current().nextBytes(suffix);
        String id = host + "-" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().formatHex(suffix);
        return id.length() <= 100 ? id : id.substring(id.length() - 100);
    }
}
