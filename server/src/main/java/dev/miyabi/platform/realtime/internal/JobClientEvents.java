package dev.miyabi.platform.realtime.internal;

import dev.miyabi.platform.aijobs.JobCancelled;
import dev.miyabi.platform.aijobs.JobCompleted;
import dev.miyabi.platform.aijobs.JobEvent;
import dev.miyabi.platform.aijobs.JobFailed;
import dev.miyabi.platform.aijobs.JobProgressed;
import dev.miyabi.platform.aijobs.JobQueued;
import dev.miyabi.platform.aijobs.JobStarted;
import dev.miyabi.platform.aijobs.JobUpdated;
import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.realtime.ClientEvents;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * AI jobs → {@code job.queued}, {@code job.started}, {@code job.progress} (also for other changes of a
 * running job: a cancellation request, usage), {@code job.completed}, {@code job.failed}, {@code
 * job.cancelled} (resource type {@code job}), with the job and its {@code progress}, visible to the
 * owner (and admins); in the publishing transaction.
 */
@Component
class JobClientEvents {

    static final String RESOURCE_TYPE = "job";

    private final ClientEvents events;
    private final JsonMapper json;

    JobClientEvents(ClientEvents events, JsonMapper json) {
        this.events = events;
        this.json = json;
    }

    @EventListener
    void on(JobEvent event) {
        String type = switch (event) {
            case JobQueued queued -> "job.queued";
            case JobStarted started -> "job.started";
            case JobProgressed progressed -> "job.progress";
            case JobUpdated updated -> "job.progress";
            case JobCompleted completed -> "job.completed";
            case JobFailed failed -> "job.failed";
            case JobCancelled cancelled -> "job.cancelled";
        };
        events.append(
                type,
                RESOURCE_TYPE,
                event.jobId().toString(),
                ClientPayloads.withPreviousStatus(json, event.job(), event.previousStatus()),
                List.of(event.userId()),
                List.<Role>of());
    }
}
