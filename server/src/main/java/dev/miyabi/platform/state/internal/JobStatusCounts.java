package dev.miyabi.platform.state.internal;

import dev.miyabi.platform.aijobs.AiJobs;
import dev.miyabi.platform.state.BusinessCounts;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** AI jobs by status, moved by the {@code job.*} events. */
@Component
@Order(3)
class JobStatusCounts implements BusinessCounts {

    private final AiJobs jobs;

    JobStatusCounts(AiJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public String name() {
        return "aiJobs";
    }

    @Override
    public String resourceType() {
        return "job";
    }

    @Override
    public Map<String, Long> countByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jobs.countByStatus().forEach((status, count) -> counts.put(status.value(), count));
        return counts;
    }
}
