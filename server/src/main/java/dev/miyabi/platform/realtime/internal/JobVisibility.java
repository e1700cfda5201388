package dev.miyabi.platform.realtime.internal;

import dev.miyabi.platform.aijobs.AiJobs;
import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.realtime.ResourceVisibility;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@code job:<id>} topics: the owner and admins, as {@code GET /api/ai/jobs/{id}}. */
@Component
class JobVisibility implements ResourceVisibility {

    private final AiJobs jobs;

    JobVisibility(AiJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public String resourceType() {
        return JobClientEvents.RESOURCE_TYPE;
    }

    @Override
    public boolean isVisible(CurrentUser user, String resourceId) {
        // Topics carry canonical UUIDs (checked when parsed).
        return jobs.isVisibleTo(UUID.fromString(resourceId), user);
    }
}
