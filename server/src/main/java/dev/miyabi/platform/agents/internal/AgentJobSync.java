package dev.miyabi.platform.agents.internal;

import dev.miyabi.platform.agents.AgentTaskStatus;
import dev.miyabi.platform.aijobs.JobCancelled;
import dev.miyabi.platform.aijobs.JobFailed;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps job tasks in step with their jobs when the job ends without the agent's word: it failed for
 * good after attempts that threw (or whose worker died), or it was cancelled.
 */
@Component
class AgentJobSync {

    private final AgentTaskBoard board;

    AgentJobSync(AgentTaskBoard board) {
        this.board = board;
    }

    @ApplicationModuleListener
    void on(JobFailed event) {
        board.endForJob(event.jobId(), AgentTaskStatus.FAILED, event.job().error());
    }

    @ApplicationModuleListener
    void on(JobCancelled event) {
        board.endForJob(event.jobId(), AgentTaskStatus.CANCELLED, null);
    }
}
