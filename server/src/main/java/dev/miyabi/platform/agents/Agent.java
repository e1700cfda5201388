package dev.miyabi.platform.agents;

/**
 * A business agent. Implementations are Spring beans, one per {@link AgentType}; the {@link
 * AgentRegistry} finds them at start and the {@link Orchestrator} routes tasks to them, recording every
 * execution on the board.
 *
 * <p>Return {@link AgentResult#failed} or {@link AgentResult#escalated} for outcomes the agent
 * understands. An exception means "try again": inside an AI job the job's attempt fails and is retried
 * with backoff (the task stays {@code working} until the job succeeds or fails for good); inline the
 * task fails with the exception's message.
 */
public interface Agent {

    AgentType type();

    /**
     * Does a task that arrived as queued data (an AI job, or a board retry of a failed task). An agent
     * whose work is only ever typed calls recorded by the {@link AgentBoard} keeps this default: such a
     * task fails, saying so.
     */
    default AgentResult execute(AgentTask task, AgentContext context) {
        return AgentResult.failed(type().displayName()
                + " takes no queued work; its steps are recorded where they happen (start them again there)");
    }
}
