package dev.miyabi.platform.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.agents.Agent;
import dev.miyabi.platform.agents.AgentContext;
import dev.miyabi.platform.agents.AgentExecution;
import dev.miyabi.platform.agents.AgentJobHandler;
import dev.miyabi.platform.agents.AgentRegistry;
import dev.miyabi.platform.agents.AgentResult;
import dev.miyabi.platform.agents.AgentTask;
import dev.miyabi.platform.agents.AgentTaskRequest;
import dev.miyabi.platform.agents.AgentTaskStatus;
import dev.miyabi.platform.agents.AgentTaskUpdated;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.agents.Orchestrator;
import dev.miyabi.platform.aijobs.AiJobs;
import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.aijobs.JobContext;
import dev.miyabi.platform.aijobs.JobFailed;
import dev.miyabi.platform.aijobs.JobHandler;
import dev.miyabi.platform.aijobs.JobOutcome;
import dev.miyabi.platform.aijobs.JobStatus;
import dev.miyabi.platform.aijobs.NewJob;
import dev.miyabi.platform.aijobs.internal.QueueFixture;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.FieldViolation;
import dev.miyabi.platform.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The orchestrator with agents of the test's own, on the real board table: routing by type, what the
 * board records for every kind of outcome, and tasks that run inside AI jobs (on a queue built for the
 * test, so the application's workers never see its jobs).
 */
class OrchestratorIntegrationTests extends IntegrationTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DataSource dataSource;

    @Autowired
    AiJobs applicationJobs;

    private final List<Object> events = new CopyOnWriteArrayList<>();
    private final Map<AgentType, List<AgentTask>> calls = new ConcurrentHashMap<>();
    private final String jobType = "test.agent." + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicReference<Orchestrator> orchestratorRef = new AtomicReference<>();
    private final List<Agent> agents = new ArrayList<>();
    private QueueFixture queue;
    private JobHandler viaAgent;
    private AgentTaskBoard board;
    private DefaultOrchestrator orchestrator;
    private UUID user;

    @BeforeEach
    void setUp() {
        user = jdbc.sql("INSERT INTO users (email, name) VALUES (:email, 'Agent test') RETURNING id")
                .param("email", "agents-" + UUID.randomUUID() + "@example.test")
                .query(UUID.class)
                .single();
        viaAgent = new JobHandler() {
            @Override
            public String type() {
                return jobType;
            }

            @Override
            public JobOutcome run(JobContext context) {
                return AgentJobHandler.of(
                                jobType,
                                AgentType.COURSE_GENERATOR,
                                orchestratorRef.get(),
                                job -> "Course: " + job.input().path("topic").asString())
                        .run(context);
            }
        };
        queue = QueueFixture.settings()
                .maxAttempts(2)
                .backoff(Duration.ofMillis(50), Duration.ofMillis(100), 0)
                .handler(viaAgent)
                .build(jdbc, transactions, dataSource);
        board = transactional(new AgentTaskBoard(new AgentTasks(jdbc), queue.jobs, events::add));
    }

    @AfterEach
    void stop() {
        queue.close();
    }

    private void agents(Agent... registered) {
        agents.addAll(List.of(registered));
        orchestrator = new DefaultOrchestrator(new AgentRegistry(agents, false), board);
        orchestratorRef.set(orchestrator);
    }

    /** Moved from the aijobs module tests: it needs the whole application (agents register agent_task). */
    @Test
    void theApplicationRunsAgentTasksAndRefusesJobTypesWithoutAHandler() {
        assertThat(applicationJobs.types()).contains(Orchestrator.AGENT_TASK_JOB_TYPE);

        Throwable refused =
                catchThrowable(() -> applicationJobs.enqueue(NewJob.of("no_such_type", NODES.objectNode(), user)));
        assertThat(refused).isInstanceOfSatisfying(ApiException.class, error -> {
            assertThat(error.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(error.code()).isEqualTo("validation_failed");
            assertThat(error.errors()).extracting(FieldViolation::field).containsExactly("type");
        });
    }

    @Test
    void aTrackedCallIsRecordedWithItsOutcomeAndItsExceptionPropagatesUnchanged() {
        TrackedWork tracked = new TrackedWork(board);
        AgentTaskRequest charge =
                AgentTaskRequest.of(AgentType.PAYMENT_PROCESSOR, "Charge").withResource("payment", UUID.randomUUID());

        String value = tracked.track(
                charge,
                () -> "captured",
                v -> AgentResult.success(NODES.objectNode().put("status", v)));
        IllegalStateException refusal = new IllegalStateException("The order is cancelled");
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> tracked.track(
                AgentTaskRequest.of(AgentType.APPROVAL_WORKFLOW, "Decide"),
                () -> {
                    throw refusal;
                },
                v -> AgentResult.success(NODES.objectNode())));
        String declined = tracked.track(
                AgentTaskRequest.of(AgentType.PAYMENT_PROCESSOR, "Charge again"),
                () -> "declined",
                v -> AgentResult.failed("Declined: " + v));

        assertThat(value).isEqualTo("captured");
        assertThat(thrown).isSameAs(refusal);
        assertThat(declined).isEqualTo("declined");
        List<AgentTask> recorded = events.stream()
                .filter(AgentTaskUpdated.class::isInstance)
                .map(e -> ((AgentTaskUpdated) e).task())
                .filter(task -> !task.status().isOpen())
                .toList();
        assertThat(recorded).extracting(AgentTask::title).containsExactly("Charge", "Decide", "Charge again");
        assertThat(recorded)
                .extracting(AgentTask::status)
                .containsExactly(AgentTaskStatus.COMPLETED, AgentTaskStatus.FAILED, AgentTaskStatus.FAILED);
        assertThat(recorded.get(0).execution()).isEqualTo(AgentTask.Execution.INLINE);
        assertThat(recorded.get(0).result().path("status").asString()).isEqualTo("captured");
        assertThat(recorded.get(1).error()).isEqualTo("IllegalStateException: The order is cancelled");
        assertThat(recorded.get(2).error()).isEqualTo("Declined: declined");
        // Each went submitted → working → done, as the board shows every task.
        assertThat(events.stream()
                        .filter(AgentTaskUpdated.class::isInstance)
                        .map(e -> ((AgentTaskUpdated) e).task().status())
                        .toList())
                .containsExactly(
                        AgentTaskStatus.SUBMITTED,
                        AgentTaskStatus.WORKING,
                        AgentTaskStatus.COMPLETED,
                        AgentTaskStatus.SUBMITTED,
                        AgentTaskStatus.WORKING,
                        AgentTaskStatus.FAILED,
                        AgentTaskStatus.SUBMITTED,
                        AgentTaskStatus.WORKING,
                        AgentTaskStatus.FAILED);
    }

    @Test
    void routesEachTaskToTheAgentOfItsTypeAndRecordsTheExecutionOnTheBoard() {
        agents(
                agent(
                        AgentType.COURSE_GENERATOR,
                        (task, context) -> AgentResult.success(
                                NODES.objectNode()
                                        .put(
                                                "course",
                                                task.input().path("topic").asString()),
                                AgentResult.Metrics.tokens(120, 80))),
                agent(AgentType.DOCUMENT_GENERATOR, (task, context) -> AgentResult.success(NODES.objectNode())));
        UUID order = UUID.randomUUID();

        AgentExecution execution = orchestrator.execute(AgentTaskRequest.of(
                        AgentType.COURSE_GENERATOR,
                        "Course on Rust",
                        NODES.objectNode().put("topic", "Rust"))
                .withPriority(3)
                .withResource("order", order));

        assertThat(calls.get(AgentType.COURSE_GENERATOR)).singleElement().satisfies(seen -> {
            assertThat(seen.status()).isEqualTo(AgentTaskStatus.WORKING);
            assertThat(seen.input().path("topic").asString()).isEqualTo("Rust");
        });
        assertThat(calls).doesNotContainKey(AgentType.DOCUMENT_GENERATOR);
        assertThat(execution.result().succeeded()).isTrue();
        AgentTask task = orchestrator.find(execution.task().id()).orElseThrow();
        assertThat(task.status()).isEqualTo(AgentTaskStatus.COMPLETED);
        assertThat(task.outcome()).isEqualTo(AgentResult.Status.SUCCESS);
        assertThat(task.result().path("course").asString()).isEqualTo("Rust");
        assertThat(task.execution()).isEqualTo(AgentTask.Execution.INLINE);
        assertThat(task.priority()).isEqualTo(3);
        assertThat(task.resourceType()).isEqualTo("order");
        assertThat(task.resourceId()).isEqualTo(order.toString());
        assertThat(task.inputTokens()).isEqualTo(120);
        assertThat(task.outputTokens()).isEqualTo(80);
        assertThat(task.durationMs()).isNotNull().isGreaterThanOrEqualTo(0);
        assertThat(task.startedAt()).isNotNull();
        assertThat(task.completedAt()).isNotNull();
        assertThat(task.error()).isNull();
        assertThat(taskEvents(task.id()))
                .extracting(e ->
                        (e.previousStatus() == null ? "new" : e.previousStatus().value()) + "->"
                                + e.task().status().value())
                .containsExactly("new->submitted", "submitted->working", "working->completed");
        assertThat(taskEvents(task.id()).getLast().task()).isEqualTo(task);
    }

    @Test
    void aTaskWithoutAnAgentFailsInsteadOfThrowing() {
        agents();

        AgentExecution execution = orchestrator.execute(AgentTaskRequest.of(AgentType.CONTENT_SEARCH, "Index"));

        assertThat(execution.result().status()).isEqualTo(AgentResult.Status.FAILED);
        assertThat(execution.task().status()).isEqualTo(AgentTaskStatus.FAILED);
        assertThat(execution.task().error())
                .isEqualTo("No agent is registered for content_search (203) on this instance");
    }

    @Test
    void anAgentThatThrowsFailsItsInlineTask() {
        agents(agent(AgentType.CONTENT_SEARCH, (task, context) -> {
            throw new IllegalStateException("index unavailable");
        }));

        AgentExecution execution = orchestrator.execute(AgentTaskRequest.of(AgentType.CONTENT_SEARCH, "Search"));

        assertThat(execution.task().status()).isEqualTo(AgentTaskStatus.FAILED);
        assertThat(execution.task().outcome()).isEqualTo(AgentResult.Status.FAILED);
        assertThat(execution.task().error()).isEqualTo("IllegalStateException: index unavailable");
    }

    @Test
    void anEscalationCompletesTheTaskAndKeepsWhyItWasEscalated() {
        agents(agent(
                AgentType.APPROVAL_WORKFLOW,
                (task, context) -> AgentResult.escalated(
                        "stage timed out", NODES.objectNode().put("stage", 1))));

        AgentExecution execution = orchestrator.execute(AgentTaskRequest.of(AgentType.APPROVAL_WORKFLOW, "Approve"));

        assertThat(execution.task().status()).isEqualTo(AgentTaskStatus.COMPLETED);
        assertThat(execution.task().outcome()).isEqualTo(AgentResult.Status.ESCALATED);
        assertThat(execution.task().error()).isEqualTo("stage timed out");
        assertThat(execution.task().result().path("stage").asInt()).isEqualTo(1);
    }

    @Test
    void anAgentSeesItsTaskCancelledAndTheCancelledTaskKeepsItsStatus() {
        AtomicReference<Boolean> seen = new AtomicReference<>();
        agents(agent(AgentType.PAYMENT_PROCESSOR, (task, context) -> {
            boolean before = context.cancellationRequested();
            orchestrator.cancel(task.id(), null);
            seen.set(!before && context.cancellationRequested());
            return AgentResult.success(NODES.objectNode());
        }));

        AgentExecution execution = orchestrator.execute(AgentTaskRequest.of(AgentType.PAYMENT_PROCESSOR, "Charge"));

        assertThat(seen.get()).isTrue();
        assertThat(execution.task().status()).isEqualTo(AgentTaskStatus.CANCELLED);
        assertThat(orchestrator.find(execution.task().id()).orElseThrow().status())
                .isEqualTo(AgentTaskStatus.CANCELLED);
    }

    @Test
    void aJobRunsItsAgentAsOneBoardTaskAcrossAttemptsWithDurableSteps() {
        AtomicInteger outlines = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();
        agents(agent(AgentType.COURSE_GENERATOR, (task, context) -> {
            JobContext job = context.job().orElseThrow();
            try {
                JsonNode outline = job.step("outline", () -> NODES.objectNode().put("n", outlines.incrementAndGet()));
                if (attempts.incrementAndGet() == 1) {
                    throw new IllegalStateException("rate limited");
                }
                return AgentResult.success(NODES.objectNode().set("outline", outline));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        queue.start();

        Job job = queue.jobs.enqueue(NewJob.of(jobType, NODES.objectNode().put("topic", "Go"), user));
        await().atMost(Duration.ofSeconds(15)).until(() -> jobStatus(job.id()) == JobStatus.COMPLETED);

        AgentTask task = orchestrator.findByJob(job.id()).orElseThrow();
        assertThat(task.status()).isEqualTo(AgentTaskStatus.COMPLETED);
        assertThat(task.title()).isEqualTo("Course: Go");
        assertThat(task.execution()).isEqualTo(AgentTask.Execution.JOB);
        assertThat(task.aiJobId()).isEqualTo(job.id());
        assertThat(task.resourceType()).isEqualTo("ai_job");
        assertThat(task.retryCount()).isZero();
        assertThat(attempts).hasValue(2);
        assertThat(outlines).hasValue(1);
        assertThat(queue.jobs
                        .output(job.id())
                        .orElseThrow()
                        .path("outline")
                        .path("n")
                        .asInt())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM agent_tasks WHERE ai_job_id = :job")
                        .param("job", job.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // While the first attempt's failure waited for its retry, the task stayed working.
        assertThat(taskEvents(task.id()))
                .extracting(e -> e.task().status().value())
                .containsExactly("submitted", "working", "completed");
    }

    @Test
    void aJobTaskFailsWithItsJobAndARetryRequeuesTheJobKeepingItsSteps() {
        AtomicInteger outlines = new AtomicInteger();
        AtomicReference<Boolean> healthy = new AtomicReference<>(false);
        agents(agent(AgentType.COURSE_GENERATOR, (task, context) -> {
            try {
                context.job().orElseThrow().step("outline", () -> NODES.numberNode(outlines.incrementAndGet()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (!healthy.get()) {
                throw new IllegalStateException("provider down");
            }
            return AgentResult.success(NODES.objectNode().put("ok", true));
        }));
        queue.start();
        Job job = queue.jobs.enqueue(NewJob.of(jobType, NODES.objectNode().put("topic", "Zig"), user));
        await().atMost(Duration.ofSeconds(15)).until(() -> jobStatus(job.id()) == JobStatus.FAILED);
        AgentTask working = orchestrator.findByJob(job.id()).orElseThrow();
        assertThat(working.status()).isEqualTo(AgentTaskStatus.WORKING);

        // What the application's listener does when the job fails for good:
        JobFailed failure = queue.events(JobFailed.class, job.id()).getFirst();
        new AgentJobSync(board).on(failure);
        AgentTask failed = orchestrator.find(working.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(AgentTaskStatus.FAILED);
        assertThat(failed.error()).isEqualTo("IllegalStateException: provider down");

        healthy.set(true);
        AgentTask retried = orchestrator.retry(failed.id(), user);
        assertThat(retried.status()).isEqualTo(AgentTaskStatus.SUBMITTED);
        assertThat(retried.retryCount()).isEqualTo(1);
        assertThat(retried.aiJobId()).isEqualTo(job.id());
        await().atMost(Duration.ofSeconds(15)).until(() -> jobStatus(job.id()) == JobStatus.COMPLETED);

        AgentTask completed = orchestrator.find(failed.id()).orElseThrow();
        assertThat(completed.status()).isEqualTo(AgentTaskStatus.COMPLETED);
        assertThat(completed.retryCount()).isEqualTo(1);
        assertThat(outlines).hasValue(1);
    }

    @Test
    void aWorkerThatLostItsJobsLeaseRecordsNothingOnTheBoard() throws Exception {
        CountDownLatch staleInAgent = new CountDownLatch(1);
        CountDownLatch thawStale = new CountDownLatch(1);
        CountDownLatch ownerInAgent = new CountDownLatch(1);
        CountDownLatch releaseOwner = new CountDownLatch(1);
        agents(agent(AgentType.COURSE_GENERATOR, (task, context) -> {
            try {
                if (context.job().orElseThrow().attempt() == 1) {
                    staleInAgent.countDown();
                    thawStale.await();
                    return AgentResult.success(NODES.objectNode().put("by", "stale"));
                }
                ownerInAgent.countDown();
                releaseOwner.await();
                return AgentResult.success(NODES.objectNode().put("by", "owner"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }));
        // Instance A hangs in the agent; its heartbeat never runs, so its 1 s lease runs out and B takes over.
        QueueFixture stale = QueueFixture.settings()
                .instanceId("stale-" + UUID.randomUUID())
                .workers(1)
                .lease(Duration.ofSeconds(1))
                .heartbeat(Duration.ofHours(1))
                .recovery(Duration.ofHours(1))
                .handler(viaAgent)
                .build(jdbc, transactions, dataSource)
                .start();
        QueueFixture owner = null;
        try {
            Job job = stale.jobs.enqueue(NewJob.of(jobType, NODES.objectNode().put("topic", "Rust"), user));
            assertThat(staleInAgent.await(20, TimeUnit.SECONDS)).isTrue();
            owner = QueueFixture.settings()
                    .instanceId("owner-" + UUID.randomUUID())
                    .lease(Duration.ofSeconds(10))
                    .heartbeat(Duration.ofMillis(500))
                    .recovery(Duration.ofMillis(200))
                    .handler(viaAgent)
                    .build(jdbc, transactions, dataSource)
                    .start();
            assertThat(ownerInAgent.await(20, TimeUnit.SECONDS)).isTrue();
            UUID taskId = orchestrator.findByJob(job.id()).orElseThrow().id();

            // The stale worker's agent returns while B's attempt is still running: the board must not hear of it.
            thawStale.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> stale.running() == 0);
            AgentTask meanwhile = orchestrator.find(taskId).orElseThrow();
            assertThat(meanwhile.status()).isEqualTo(AgentTaskStatus.WORKING);
            assertThat(meanwhile.result()).isNull();

            releaseOwner.countDown();
            await().atMost(Duration.ofSeconds(15)).until(() -> jobStatus(job.id()) == JobStatus.COMPLETED);
            AgentTask finished = orchestrator.find(taskId).orElseThrow();
            assertThat(finished.status()).isEqualTo(AgentTaskStatus.COMPLETED);
            assertThat(finished.result()).isEqualTo(NODES.objectNode().put("by", "owner"));
            assertThat(taskEvents(taskId))
                    .extracting(e -> e.task().status().value())
                    .containsExactly("submitted", "working", "completed");
        } finally {
            thawStale.countDown();
            releaseOwner.countDown();
            stale.close();
            if (owner != null) {
                owner.close();
            }
        }
    }

    @Test
    void cancellingAJobTaskCancelsItsQueuedJob() {
        agents(agent(AgentType.COURSE_GENERATOR, (task, context) -> AgentResult.success(NODES.objectNode())));
        Job job = queue.jobs.enqueue(NewJob.of(jobType, NODES.objectNode(), user));
        AgentTask task = board.create(
                AgentTaskRequest.of(AgentType.COURSE_GENERATOR, "Queued course"), AgentTask.Execution.JOB, job.id());

        AgentTask cancelled = orchestrator.cancel(task.id(), null);

        assertThat(cancelled.status()).isEqualTo(AgentTaskStatus.CANCELLED);
        assertThat(jobStatus(job.id())).isEqualTo(JobStatus.CANCELLED);
    }

    private Agent agent(AgentType type, BiFunction<AgentTask, AgentContext, AgentResult> body) {
        return new Agent() {
            @Override
            public AgentType type() {
                return type;
            }

            @Override
            public AgentResult execute(AgentTask task, AgentContext context) {
                calls.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(task);
                return body.apply(task, context);
            }
        };
    }

    private List<AgentTaskUpdated> taskEvents(UUID taskId) {
        return events.stream()
                .filter(AgentTaskUpdated.class::isInstance)
                .map(AgentTaskUpdated.class::cast)
                .filter(e -> e.task().id().equals(taskId))
                .toList();
    }

    private JobStatus jobStatus(UUID id) {
        return queue.jobs.find(id).orElseThrow().status();
    }

    /** The board as Spring would run it: each public method in its transaction. */
    private AgentTaskBoard transactional(AgentTaskBoard target) {
        ProxyFactory factory = new ProxyFactory(target);
        factory.setProxyTargetClass(true);
        factory.addAdvice(new TransactionInterceptor(transactions, new AnnotationTransactionAttributeSource()));
        return (AgentTaskBoard) factory.getProxy();
    }
}
