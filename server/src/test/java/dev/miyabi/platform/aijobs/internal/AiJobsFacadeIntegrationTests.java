package dev.miyabi.platform.aijobs.internal;

import static dev.miyabi.platform.aijobs.internal.JobQueueIntegrationTests.handler;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.aijobs.AiJobs;
import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.aijobs.JobCancelled;
import dev.miyabi.platform.aijobs.JobFilter;
import dev.miyabi.platform.aijobs.JobOutcome;
import dev.miyabi.platform.aijobs.JobQueued;
import dev.miyabi.platform.aijobs.JobStatus;
import dev.miyabi.platform.aijobs.JobUpdated;
import dev.miyabi.platform.aijobs.JobUsage;
import dev.miyabi.platform.aijobs.NewJob;
import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.DomainConflict;
import dev.miyabi.platform.shared.InvalidStateTransition;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.shared.PageResponse;
import dev.miyabi.platform.support.ModuleTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.node.JsonNodeFactory;

/** The {@link AiJobs} facade: visibility, listing, cancel, retry, results and usage. */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "shared", verifyAutomatically = false)
@TestInstance(TestInstance.Lifecycle.PER_METHOD) // a fresh instance per test, as in the other tests
class AiJobsFacadeIntegrationTests extends ModuleTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DataSource dataSource;

    private final List<QueueFixture> fixtures = new ArrayList<>();
    private final String type = "test.facade." + UUID.randomUUID().toString().substring(0, 8);
    private CurrentUser alice;
    private CurrentUser bob;
    private final CurrentUser admin = new CurrentUser(UUID.randomUUID(), "admin@example.test", Set.of(Role.ADMIN));

    @BeforeEach
    void users() {
        alice = user();
        bob = user();
    }

    @AfterEach
    void stopPools() {
        fixtures.forEach(QueueFixture::close);
    }

    @Test
    void ownersSeeTheirOwnJobsAndAdminsSeeEveryJob() {
        AiJobs jobs = queue().jobs;
        Job first = jobs.enqueue(NewJob.of(type, NODES.objectNode().put("n", 1), alice.id()));
        Job second = jobs.enqueue(NewJob.of(type, NODES.objectNode().put("n", 2), alice.id()));
        Job bobs = jobs.enqueue(NewJob.of(type, NODES.objectNode(), bob.id()));

        assertThat(jobs.get(first.id(), alice).input().path("n").asInt()).isEqualTo(1);
        assertThat(jobs.get(first.id(), admin).id()).isEqualTo(first.id());
        apiError(() -> jobs.get(first.id(), bob), HttpStatus.NOT_FOUND, "not_found");
        apiError(() -> jobs.get(UUID.randomUUID(), admin), HttpStatus.NOT_FOUND, "not_found");

        PageResponse<Job> own = jobs.list(alice, JobFilter.none(), page("createdAt,desc", 20));
        assertThat(own.items()).extracting(Job::id).containsExactly(second.id(), first.id());
        assertThat(own.total()).isEqualTo(2);
        // A non-admin's userId filter is ignored: still only their own jobs.
        assertThat(jobs.list(alice, new JobFilter(null, null, bob.id()), page("createdAt,desc", 20))
                        .items())
                .extracting(Job::userId)
                .containsOnly(alice.id());
        assertThat(jobs.list(admin, new JobFilter(null, type, bob.id()), page("createdAt,desc", 20))
                        .items())
                .extracting(Job::id)
                .containsExactly(bobs.id());
        assertThat(jobs.list(admin, new JobFilter(JobStatus.QUEUED, type, null), page("createdAt,asc", 20))
                        .items())
                .extracting(Job::id)
                .containsExactly(first.id(), second.id(), bobs.id());
        assertThat(jobs.list(admin, new JobFilter(JobStatus.COMPLETED, type, null), page("createdAt,desc", 20))
                        .total())
                .isZero();
        PageResponse<Job> paged = jobs.list(alice, JobFilter.none(), page("createdAt,desc", 1));
        assertThat(paged.items()).hasSize(1);
        assertThat(paged.total()).isEqualTo(2);
    }

    @Test
    void aQueuedJobIsCancelledAtOnceAndAFinishedJobCannotBeCancelled() {
        QueueFixture queue = queue();
        Job job = queue.jobs.enqueue(NewJob.of(type, NODES.objectNode(), alice.id()));

        apiError(() -> queue.jobs.cancel(job.id(), bob), HttpStatus.NOT_FOUND, "not_found");
        Job cancelled = queue.jobs.cancel(job.id(), alice);

        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.completedAt()).isNotNull();
        assertThat(queue.events(JobCancelled.class, job.id())).hasSize(1);
        InvalidStateTransition again = refusedMove(() -> queue.jobs.cancel(job.id(), alice), "cancelled", "cancelled");
        assertThat(again.getMessage()).isEqualTo("The job is cancelled; only queued or running jobs can be cancelled");
    }

    @Test
    void onlyAFailedJobCanBeRetriedAndItResumesAfterItsFinishedSteps() {
        AtomicInteger stepRuns = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        QueueFixture queue = start(QueueFixture.settings().handler(handler(type, job -> {
            job.step("expensive", () -> NODES.numberNode(stepRuns.incrementAndGet()));
            return calls.incrementAndGet() == 1
                    ? JobOutcome.failed("The provider refused the prompt")
                    : JobOutcome.completed(NODES.objectNode().put("calls", calls.get()));
        })));
        Job job = queue.jobs.enqueue(NewJob.of(type, NODES.objectNode(), alice.id()));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> queue.jobs.find(job.id()).orElseThrow().status() == JobStatus.FAILED);
        Job other = queue.jobs.enqueue(NewJob.of(type, NODES.objectNode(), alice.id()));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> queue.jobs.find(other.id()).orElseThrow().status() == JobStatus.COMPLETED);

        apiError(() -> queue.jobs.retry(job.id(), bob), HttpStatus.NOT_FOUND, "not_found");
        InvalidStateTransition notFailed =
                refusedMove(() -> queue.jobs.retry(other.id(), alice), "completed", "queued");
        assertThat(notFailed.getMessage()).isEqualTo("The job is completed; only failed jobs can be retried");

        Job retried = queue.jobs.retry(job.id(), alice);
        assertThat(retried.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(retried.attempts()).isZero();
        assertThat(retried.error()).isNull();
        assertThat(retried.completedAt()).isNull();
        assertThat(queue.events(JobQueued.class, job.id())).hasSize(2);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> queue.jobs.find(job.id()).orElseThrow().status() == JobStatus.COMPLETED);
        assertThat(stepRuns).hasValue(2); // once for each job: the retried one reused its stored step
        assertThat(queue.jobs.output(job.id(), alice).path("calls").asInt()).isEqualTo(3);
    }

    @Test
    void theResultExistsOnlyOnceTheJobCompleted() {
        QueueFixture queue = queue();
        Job job = queue.jobs.enqueue(NewJob.of(type, NODES.objectNode(), alice.id()));

        assertThatThrownBy(() -> queue.jobs.output(job.id(), alice))
                .isInstanceOfSatisfying(
                        DomainConflict.class, e -> assertThat(e.code()).isEqualTo("job_not_completed"));
        apiError(() -> queue.jobs.output(job.id(), bob), HttpStatus.NOT_FOUND, "not_found");
        assertThat(queue.jobs.output(job.id())).isEmpty();

        QueueFixture worker = start(QueueFixture.settings()
                .handler(handler(
                        type, context -> JobOutcome.completed(NODES.objectNode().put("title", "Done")))));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> worker.jobs.find(job.id()).orElseThrow().status() == JobStatus.COMPLETED);
        assertThat(queue.jobs.output(job.id(), alice).path("title").asString()).isEqualTo("Done");
        assertThat(queue.jobs.output(job.id(), admin).path("title").asString()).isEqualTo("Done");
    }

    @Test
    void usageRecordedByTheWorkerAddsUpPerJobAndPerOwner() {
        QueueFixture queue = start(QueueFixture.settings().handler(handler(type, job -> {
            if (job.userId().equals(alice.id())) {
                job.recordUsage(new JobUsage(1200, 300, new BigDecimal("0.012500"), "anthropic", "claude"));
                job.recordUsage(JobUsage.tokens(800, 200));
            }
            return JobOutcome.completed(NODES.objectNode());
        })));
        Job job = queue.jobs.enqueue(NewJob.of(type, NODES.objectNode(), alice.id()));
        Job other = queue.jobs.enqueue(NewJob.of(type, NODES.objectNode(), bob.id()));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> queue.jobs.find(job.id()).orElseThrow().status() == JobStatus.COMPLETED
                        && queue.jobs.find(other.id()).orElseThrow().status() == JobStatus.COMPLETED);

        Job updated = queue.jobs.find(job.id()).orElseThrow();
        assertThat(updated.tokenUsage()).isEqualTo(new Job.TokenUsage(2000, 500));
        assertThat(updated.estimatedCost()).isEqualByComparingTo("0.0125");
        assertThat(updated.generatedBy()).isEqualTo(new Job.GeneratedBy("anthropic", "claude"));
        assertThat(queue.events(JobUpdated.class, job.id())).hasSize(2);
        assertThat(queue.jobs.usageSince(alice.id(), job.createdAt().minusSeconds(1)))
                .isEqualTo(new Job.TokenUsage(2000, 500));
        assertThat(queue.jobs.usageSince(alice.id(), job.createdAt().plusSeconds(60)))
                .isEqualTo(new Job.TokenUsage(0, 0));
        assertThat(queue.jobs.usageSince(bob.id(), job.createdAt().minusSeconds(1)))
                .isEqualTo(new Job.TokenUsage(0, 0));
        assertThat(queue.jobs.countByStatus()).containsKeys(JobStatus.values());
    }

    private QueueFixture queue() {
        QueueFixture fixture = QueueFixture.settings()
                .handler(handler(type, job -> JobOutcome.completed(NODES.objectNode())))
                .build(jdbc, transactions, dataSource);
        fixtures.add(fixture);
        return fixture;
    }

    private QueueFixture start(QueueFixture.Settings settings) {
        QueueFixture fixture = settings.build(jdbc, transactions, dataSource);
        fixtures.add(fixture);
        return fixture.start();
    }

    private CurrentUser user() {
        String email = "facade-" + UUID.randomUUID() + "@example.test";
        UUID id = jdbc.sql("INSERT INTO users (email, name) VALUES (:email, 'Facade test') RETURNING id")
                .param("email", email)
                .query(UUID.class)
                .single();
        return new CurrentUser(id, email, Set.of(Role.CUSTOMER));
    }

    private static PageQuery page(String sort, int size) {
        return PageQuery.of(0, size, sort, AiJobs.SORTABLE, "createdAt,desc");
    }

    /** A 409 {@code invalid_state} naming the job's status and the one it was asked to move to. */
    private static InvalidStateTransition refusedMove(ThrowingCallable call, String current, String requested) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(InvalidStateTransition.class);
        InvalidStateTransition refused = (InvalidStateTransition) thrown;
        assertThat(refused.code()).isEqualTo("invalid_state");
        assertThat(refused.current()).isEqualTo(current);
        assertThat(refused.requested()).isEqualTo(requested);
        return refused;
    }

    private static ApiException apiError(ThrowingCallable call, HttpStatus status, String code) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(ApiException.class);
        ApiException error = (ApiException) thrown;
        assertThat(error.status()).isEqualTo(status);
        assertThat(error.code()).isEqualTo(code);
        return error;
    }
}
