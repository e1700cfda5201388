package dev.miyabi.platform.aijobs.internal;

import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.aijobs.JobAbortedException;
import dev.miyabi.platform.aijobs.JobAbortedException.Reason;
import dev.miyabi.platform.aijobs.JobContext;
import dev.miyabi.platform.aijobs.JobUsage;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * One attempt of one job on this instance: the {@link JobContext} its handler sees. Its state decides
 * who may end the attempt: the worker thread (finishing), the heartbeat (lease lost) or shutdown
 * (released) — whichever gets there first; the others leave the job alone.
 *
 * <p>Stopping the handler interrupts its worker thread, but never while that thread talks to the database
 * through this context ({@link #database}): interrupting a virtual thread in socket I/O closes the socket,
 * which breaks the pooled connection under the transaction. Such an interrupt waits until the call returns.
 */
final class Execution implements JobContext, JobQueue.Leased {

    enum State {
        RUNNING,
        FINISHING,
        LEASE_LOST,
        RELEASED
    }

    private static final int MAX_KEY_LENGTH = 100;

    private final Job job;
    private final UUID leaseToken;
    private final JobQueue queue;
    private final JsonMapper json;
    private final Map<String, JsonNode> finishedSteps = new ConcurrentHashMap<>();
    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
    private volatile boolean cancelRequested;
    private volatile @Nullable Thread thread;
    /** Guards {@link #inDatabase} and {@link #interruptPending}. */
    private final Object interruption = new Object();

    private boolean inDatabase;
    private boolean interruptPending;
    /** The step running on the current thread: steps may run in parallel on several threads. */
    private final ThreadLocal<@Nullable StepScope> currentStep = new ThreadLocal<>();

    private static final class StepScope {
        final String key;
        long inputTokens;
        long outputTokens;

        StepScope(String key) {
            this.key = key;
        }
    }

    Execution(Job job, UUID leaseToken, JobQueue queue, JsonMapper json) {
        this.job = job;
        this.leaseToken = leaseToken;
        this.queue = queue;
        this.json = json;
        this.cancelRequested = job.cancelRequested();
    }

    /** Loads the steps earlier attempts finished (none if progress counts none: both change together). */
    void loadSteps() {
        if (job.progress().completedSteps() > 0) {
            finishedSteps.putAll(database(() -> queue.storedSteps(job.id())));
        }
    }

    void bind(Thread worker) {
        this.thread = worker;
    }

    @Override
    public UUID jobId() {
        return job.id();
    }

    @Override
    public UUID leaseToken() {
        return leaseToken;
    }

    State state() {
        return state.get();
    }

    boolean isRunning() {
        return state.get() == State.RUNNING;
    }

    /** The worker may record the attempt's end only if nothing else took the job away first. */
    boolean beginFinishing() {
        return state.compareAndSet(State.RUNNING, State.FINISHING);
    }

    /** The heartbeat found the lease gone: stop the handler, record nothing. */
    boolean loseLease() {
        if (state.compareAndSet(State.RUNNING, State.LEASE_LOST)) {
            interrupt();
            return true;
        }
        return false;
    }

    /** Shutdown gives the job back: stop the handler, record nothing more. */
    boolean release() {
        return state.compareAndSet(State.RUNNING, State.RELEASED);
    }

    /** Interrupts the worker thread now, or as soon as its database call returns. */
    void interrupt() {
        Thread worker = thread;
        if (worker == null) {
            return;
        }
        synchronized (interruption) {
            if (inDatabase) {
                interruptPending = true;
            } else {
                worker.interrupt();
            }
        }
    }

    /**
     * Runs {@code call}, a database call of this job, shielded from {@link #interrupt()} when on the worker
     * thread: an interrupt arriving meanwhile (or just before) is delivered when it returns.
     */
    <T, E extends Exception> T database(DatabaseCall<T, E> call) throws E {
        if (Thread.currentThread() != thread) {
            return call.call();
        }
        synchronized (interruption) {
            inDatabase = true;
            if (Thread.interrupted()) {
                interruptPending = true;
            }
        }
        try {
            return call.call();
        } finally {
            synchronized (interruption) {
                inDatabase = false;
                if (interruptPending) {
                    interruptPending = false;
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** A call to the database that may throw {@code E}. */
    @FunctionalInterface
    interface DatabaseCall<T, E extends Exception> {
        T call() throws E;
    }

    void requestCancel() {
        cancelRequested = true;
    }

    @Override
    public Job job() {
        return job;
    }

    @Override
    public JsonNode step(String key, Callable<JsonNode> work) throws Exception {
        requireKey(key);
        JsonNode stored = finishedSteps.get(key);
        if (stored != null) {
            return stored.deepCopy();
        }
        StepScope outer = currentStep.get();
        if (outer != null) {
            throw new IllegalStateException("Step " + key + " started inside step " + outer.key);
        }
        checkpoint();
        database(() -> queue.progress(job.id(), leaseToken, key, null, null)).orElseThrow(this::leaseLost);
        StepScope scope = new StepScope(key);
        currentStep.set(scope);
        JsonNode output;
        try {
            output = work.call();
        } finally {
            currentStep.remove();
        }
        JsonNode result = output == null ? NullNode.getInstance() : output;
        database(() -> queue.saveStep(job.id(), leaseToken, key, result, scope.inputTokens, scope.outputTokens))
                .orElseThrow(this::leaseLost);
        finishedSteps.put(key, result);
        return result.deepCopy();
    }

    @Override
    public JsonNode storeStep(String key, Callable<JsonNode> write) throws Exception {
        requireKey(key);
        JsonNode stored = finishedSteps.get(key);
        if (stored != null) {
            return stored.deepCopy();
        }
        StepScope outer = currentStep.get();
        if (outer != null) {
            throw new IllegalStateException("Step " + key + " started inside step " + outer.key);
        }
        checkpoint();
        JsonNode result = database(() -> queue.storeStep(job.id(), leaseToken, key, write))
                .orElseThrow(this::leaseLost);
        finishedSteps.put(key, result);
        return result.deepCopy();
    }

    @Override
    public <T> T underLease(Supplier<T> write) {
        requireRunning();
        return database(() -> queue.underLease(job.id(), leaseToken, write)).orElseThrow(this::leaseLost);
    }

    @Override
    public <T> T step(String key, Class<T> type, Callable<T> work) throws Exception {
        JsonNode node = step(key, () -> json.valueToTree(work.call()));
        return json.treeToValue(node, type);
    }

    @Override
    public boolean hasStep(String key) {
        return finishedSteps.containsKey(key);
    }

    @Override
    public void totalSteps(int total) {
        if (total < 0) {
            throw new IllegalArgumentException("total steps cannot be negative");
        }
        requireRunning();
        database(() -> queue.progress(job.id(), leaseToken, null, total, null)).orElseThrow(this::leaseLost);
    }

    @Override
    public void progress(String message) {
        Objects.requireNonNull(message, "message");
        requireRunning();
        database(() -> queue.progress(job.id(), leaseToken, null, null, message))
                .orElseThrow(this::leaseLost);
    }

    @Override
    public void recordUsage(JobUsage usage) {
        requireRunning();
        database(() -> queue.addUsage(job.id(), leaseToken, usage)).orElseThrow(this::leaseLost);
        StepScope scope = currentStep.get();
        if (scope != null) {
            scope.inputTokens += usage.inputTokens();
            scope.outputTokens += usage.outputTokens();
        }
    }

    @Override
    public boolean cancellationRequested() {
        requireRunning();
        if (cancelRequested) {
            return true;
        }
        boolean requested =
                database(() -> queue.cancelRequested(job.id(), leaseToken)).orElseThrow(this::leaseLost);
        if (requested) {
            cancelRequested = true;
        }
        return requested;
    }

    @Override
    public void checkpoint() {
        if (cancellationRequested()) {
            throw new JobAbortedException(job.id(), Reason.CANCELLED);
        }
    }

    private void requireRunning() {
        switch (state.get()) {
            case RUNNING, FINISHING -> {}
            case LEASE_LOST -> throw new JobAbortedException(job.id(), Reason.LEASE_LOST);
            case RELEASED -> throw new JobAbortedException(job.id(), Reason.SHUTDOWN);
        }
    }

    private JobAbortedException leaseLost() {
        state.compareAndSet(State.RUNNING, State.LEASE_LOST);
        return new JobAbortedException(job.id(), state.get() == State.RELEASED ? Reason.SHUTDOWN : Reason.LEASE_LOST);
    }

    private static void requireKey(String key) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("A step key must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
    }
}
