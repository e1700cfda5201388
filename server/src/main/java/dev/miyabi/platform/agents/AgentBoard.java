package dev.miyabi.platform.agents;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The board as a passive record of typed work: a module calls its own method and the board records
 * the call as an agent task ({@code working} while it runs, then {@code completed}, {@code failed} or,
 * for an escalated outcome, as {@link AgentResult} says). For example:
 *
 * <pre>{@code
 * ApprovalRequest decided = board.track(
 *         AgentTaskRequest.of(AgentType.APPROVAL_WORKFLOW, "Apply approve on approval " + id).withResource("order", orderId),
 *         () -> workflow.decide(id, approverId, Decision.APPROVE, comment),
 *         request -> AgentResult.success(summaryOf(request)));
 * }</pre>
 *
 * <p>An exception from the work ends the task {@code failed} and propagates unchanged, so a refusal keeps
 * its meaning (and, inside the caller's transaction, rolls the task back with the change). Work that
 * arrives as queued data (AI jobs, board retries) goes through the {@link Orchestrator} and an {@link
 * Agent} instead.
 */
public interface AgentBoard {

    /**
     * Runs {@code work} on this thread as an inline task of {@code request}'s agent and returns what it
     * returned; {@code outcome} says how the board records that value.
     */
    <T> T track(AgentTaskRequest request, Supplier<T> work, Function<? super T, AgentResult> outcome);
}
