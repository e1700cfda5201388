package dev.miyabi.platform.agents.internal;

import dev.miyabi.platform.agents.AgentBoard;
import dev.miyabi.platform.agents.AgentResult;
import dev.miyabi.platform.agents.AgentTask;
import dev.miyabi.platform.agents.AgentTaskRequest;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Records typed calls on the board (see {@link AgentBoard}); it needs the board only, never an agent. */
@Component
class TrackedWork implements AgentBoard {

    private static final Logger log = LoggerFactory.getLogger(TrackedWork.class);

    private final AgentTaskBoard board;

    TrackedWork(AgentTaskBoard board) {
        this.board = board;
    }

    @Override
    public <T> T track(AgentTaskRequest request, Supplier<T> work, Function<? super T, AgentResult> outcome) {
        AgentTask task = board.beginExecution(
                board.create(request, AgentTask.Execution.INLINE, null).id(), false);
        long started = System.nanoTime();
        T value;
        try {
            value = work.get();
        } catch (RuntimeException e) {
            try {
                board.finish(task.id(), AgentResult.failed(describe(e)).withDuration(since(started)));
            } catch (RuntimeException recording) {
                e.addSuppressed(recording); // e.g. the caller's transaction is aborted: it rolls back anyway
            }
            throw e;
        }
        AgentResult result = outcome.apply(value).withDuration(since(started));
        board.finish(task.id(), result);
        log.info(
                "Agent {} finished task {} ({}): {} in {} ms",
                task.agentType().value(),
                task.id(),
                task.title(),
                result.status().value(),
                result.metrics().durationMs());
        return value;
    }

    private static long since(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank()
                ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + message;
    }
}
