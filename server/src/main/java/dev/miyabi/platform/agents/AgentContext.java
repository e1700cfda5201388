package dev.miyabi.platform.agents;

import dev.miyabi.platform.aijobs.JobContext;
import java.util.Optional;

/** What an agent can use besides its task. */
public interface AgentContext {

    /**
     * The AI job this execution runs in: durable steps ({@link JobContext#step}), progress and LLM usage.
     * Empty when the task runs inline on the caller's thread.
     */
    Optional<JobContext> job();

    /** Whether the task was cancelled on the board, or its AI job was asked to stop. */
    boolean cancellationRequested();
}
