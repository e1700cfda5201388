package dev.miyabi.platform.aijobs.internal;

import dev.miyabi.platform.aijobs.AiJobs;
import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.aijobs.JobFilter;
import dev.miyabi.platform.aijobs.JobHourlyCounts;
import dev.miyabi.platform.aijobs.JobStatus;
import dev.miyabi.platform.aijobs.NewJob;
import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.DomainConflict;
import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.shared.PageResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** The {@link AiJobs} facade: the API's visibility rules on top of the {@link JobQueue}. */
class JobService implements AiJobs {

    private final JobQueue queue;
    private final JobHandlers handlers;

    JobService(JobQueue queue, JobHandlers handlers) {
        this.queue = queue;
        this.handlers = handlers;
    }

    @Override
    public Set<String> types() {
        return handlers.types();
    }

    @Override
    @Transactional
    public Job enqueue(NewJob job) {
        if (handlers.find(job.type()).isEmpty()) {
            throw ApiException.validation("type", "must be one of " + String.join(", ", new TreeSet<>(types())));
        }
        return queue.enqueue(job);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Job> find(UUID id) {
        return queue.find(id);
    }

    @Override
    @Transactional(readOnly = true)
    public Job get(UUID id, CurrentUser caller) {
        return visible(id, caller);
    }

    @Override
    @Transactional(readOnly = true)
    public PageResponse<Job> list(CurrentUser caller, JobFilter filter, PageQuery page) {
        if (!Jobs.SORTABLE.containsKey(page.sortField())) {
            throw ApiException.validation("sort", "must be one of " + String.join(", ", new TreeSet<>(SORTABLE)));
        }
        @Nullable UUID user = caller.isAdmin() ? filter.userId() : caller.id();
        Jobs jobs = queue.jobs();
        return PageResponse.of(
                jobs.page(user, filter.status(), filter.type(), page).stream()
                        .map(Jobs.Row::job)
                        .toList(),
                page,
                jobs.count(user, filter.status(), filter.type()));
    }

    @Override
    @Transactional(readOnly = true)
    public JsonNode output(UUID id, CurrentUser caller) {
        Job job = visible(id, caller);
        if (job.status() != JobStatus.COMPLETED) {
            throw new DomainConflict(
                    ErrorCodes.JOB_NOT_COMPLETED,
                    "The job is " + job.status().value() + "; its result exists once it is completed",
                    Map.of());
        }
        return queue.jobs().output(id).orElseThrow(() -> ApiException.notFound("Job result"));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<JsonNode> output(UUID id) {
        return queue.jobs().output(id);
    }

    @Override
    @Transactional
    public Job cancel(UUID id, CurrentUser caller) {
        visible(id, caller);
        return queue.cancel(id, caller.id());
    }

    @Override
    @Transactional
    public Job cancel(UUID id) {
        return queue.cancel(id, null);
    }

    @Override
    @Transactional
    public Job cancel(UUID id, UUID requestedBy) {
        return queue.cancel(id, requestedBy);
    }

    @Override
    @Transactional
    public Job retry(UUID id, CurrentUser caller) {
        visible(id, caller);
        return queue.retry(id);
    }

    @Override
    @Transactional
    public Job retry(UUID id) {
        return queue.retry(id);
    }

    @Override
    @Transactional(readOnly = true)
    public Job.TokenUsage usageSince(UUID userId, Instant since) {
        return queue.jobs().usageSince(userId, since);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<JobStatus, Long> countByStatus() {
        return queue.jobs().countByStatus();
    }

    @Override
    @Transactional(readOnly = true)
    public boolean isVisibleTo(UUID id, CurrentUser user) {
        return queue.find(id)
                .filter(job -> user.isAdmin() || job.userId().equals(user.id()))
                .isPresent();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Job> recent(int limit) {
        PageQuery newest = new PageQuery(0, Math.clamp(limit, 1, PageQuery.MAX_SIZE), "createdAt", false);
        return queue.jobs().page(null, null, null, newest).stream()
                .map(Jobs.Row::job)
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<JobHourlyCounts> hourlyCounts(Instant from, Instant to) {
        return queue.jobs().hourlyCounts(from, to);
    }

    private Job visible(UUID id, CurrentUser caller) {
        return queue.find(id)
                .filter(job -> caller.isAdmin() || job.userId().equals(caller.id()))
                .orElseThrow(() -> ApiException.notFound("Job"));
    }
}
