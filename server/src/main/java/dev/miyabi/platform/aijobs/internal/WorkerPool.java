package dev.miyabi.platform.aijobs.internal;

import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.aijobs.JobAbortedException;
import dev.miyabi.platform.aijobs.JobHandler;
import dev.miyabi.platform.aijobs.JobOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workers of one instance. A dispatcher claims due jobs ({@code FOR UPDATE SKIP LOCKED}) while
 * slots are free (in total and per type) and runs each on its own virtual thread; a heartbeat renews
 * the leases of running jobs; a sweeper re-queues jobs whose lease expired anywhere. The dispatcher
 * sleeps until woken: by a local enqueue, a PostgreSQL notification from another instance, a finished
 * job, or the poll interval. A finished job's completion is handed to the dispatcher, which commits it in
 * the transaction of its next claim (one commit for both).
 *
 * <p>Stopping (graceful shutdown) stops claiming, lets running jobs finish within
 * {@code shutdownTimeout}, then gives the rest back to the queue (re-queued, attempt not counted) and
 * interrupts them; whatever they do afterwards is fenced out by their lease token.
 */
final class WorkerPool implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    private static final int RECOVERY_BATCH = 100;
    /** The most completions committed in one dispatcher round. */
    private static final int MAX_HANDOFFS = 100;

    private final String instanceId;
    private final JobsProperties properties;
    private final JobHandlers handlers;
    private final JobQueue queue;
    private final JsonMapper json;
    private final Backoff backoff;
    private final @Nullable DataSource notifications;
    private final Map<UUID, Execution> active = new ConcurrentHashMap<>();
    /** Completions handed to the dispatcher, committed with its next claim. */
    private final Queue<Handoff> handoffs = new ConcurrentLinkedQueue<>();
    /** Guards {@link #accepting}: no completion is handed off once the dispatcher has stopped taking them. */
    private final Object handoff = new Object();

    private boolean accepting;
    private final Object drained = new Object();

    private volatile boolean running;
    private volatile boolean claiming;
    private volatile @Nullable Thread dispatcher;
    private @Nullable ScheduledExecutorService maintenance;
    private @Nullable JobNotificationListener listener;

    WorkerPool(
            String instanceId,
            JobsProperties properties,
            JobHandlers handlers,
            JobQueue queue,
            JsonMapper json,
            Backoff backoff,
            @Nullable DataSource notifications) {
        this.instanceId = instanceId;
        this.properties = properties;
        this.handlers = handlers;
        this.queue = queue;
        this.json = json;
        this.backoff = backoff;
        this.notifications = notifications;
        queue.onWork(this::wake);
        queue.onCancelRequested(id -> {
            Execution execution = active.get(id);
            if (execution != null) {
                execution.requestCancel();
            }
        });
    }

    String instanceId() {
        return instanceId;
    }

    /** Jobs running on this instance now. */
    int activeCount() {
        return active.size();
    }

    /** Whether the dispatcher claims new jobs (false once stopping). */
    boolean claiming() {
        return claiming;
    }

    /** Whether this pool receives notifications of work enqueued on other instances now. */
    boolean listening() {
        JobNotificationListener notifier = listener;
        return notifier != null && notifier.isListening();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        if (properties.heartbeatInterval().compareTo(properties.leaseDuration()) >= 0) {
            log.warn(
                    "miyabi.jobs.heartbeat-interval ({}) is not shorter than the lease ({}): running jobs will lose"
                            + " their leases",
                    properties.heartbeatInterval(),
                    properties.leaseDuration());
        }
        Set<String> types = handlers.types();
        running = true;
        claiming = true;
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(
                2,
                Thread.ofPlatform()
                        .daemon()
                        .name("jobs-maintenance-" + instanceId + "-", 0)
                        .factory());
        long heartbeat = properties.heartbeatInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(
                this::recover, 0, properties.recoveryInterval().toMillis(), TimeUnit.MILLISECONDS);
        maintenance = scheduler;
        synchronized (handoff) {
            accepting = true;
        }
        dispatcher = Thread.ofVirtual().name("jobs-dispatcher-" + instanceId).start(this::dispatch);
        if (properties.listen() && notifications != null) {
            listener = new JobNotificationListener(notifications, instanceId, type -> {
                if (type == null || handlers.find(type).isPresent()) {
                    wake();
                }
            });
            listener.start();
        }
        log.info("Job workers of {} started: {} workers for types {}", instanceId, properties.workers(), types);
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        claiming = false;
        Thread dispatching = dispatcher;
        if (dispatching != null) {
            LockSupport.unpark(dispatching);
            joinQuietly(dispatching);
        }
        awaitDrained(properties.shutdownTimeout());
        List<Execution> remaining =
                active.values().stream().filter(Execution::release).toList();
        if (!remaining.isEmpty()) {
            try {
                List<Job> released = queue.release(JobQueue.tokens(remaining));
                log.info("Released {} unfinished jobs of {} back to the queue", released.size(), instanceId);
            } catch (RuntimeException e) {
                log.warn("Could not release jobs of {}; their leases will expire instead", instanceId, e);
            }
            remaining.forEach(Execution::interrupt);
        }
        ScheduledExecutorService scheduler = maintenance;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        JobNotificationListener notifier = listener;
        if (notifier != null) {
            notifier.stop();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Ends the dispatcher before the connection pool closes; runs jobs until then. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    /** Makes the dispatcher look for work now. */
    void wake() {
        Thread dispatching = dispatcher;
        if (dispatching != null) {
            LockSupport.unpark(dispatching);
        }
    }

    /** A finished job's completion, waiting for the dispatcher to commit it. */
    private record Handoff(Jobs.Completion completion, CompletableFuture<Optional<Job>> result) {}

    /**
     * Records a finished job's completion (empty if its lease was lost). While the dispatcher runs it commits
     * the completion in the transaction of its next claim, so a job costs one commit for its claim and its
     * completion together, not two in sequence; once it has stopped (shutting down) the completion is
     * committed here.
     */
    private Optional<Job> complete(Execution execution, JsonNode output) {
        Handoff handed = new Handoff(
                new Jobs.Completion(execution.jobId(), execution.leaseToken(), output), new CompletableFuture<>());
        synchronized (handoff) {
            if (!accepting) {
                return queue.complete(execution.jobId(), execution.leaseToken(), output);
            }
            handoffs.add(handed);
        }
        wake();
        try {
            return handed.result.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private List<Handoff> takeHandoffs() {
        List<Handoff> taken = new ArrayList<>();
        Handoff next;
        while (taken.size() < MAX_HANDOFFS && (next = handoffs.poll()) != null) {
            taken.add(next);
        }
        return taken;
    }

    /** Commits completions without claiming (each as {@link JobQueue#complete} does); answers every one. */
    private void completeAlone(List<Handoff> finished) {
        for (Handoff h : finished) {
            try {
                settle(h, queue.complete(h.completion.id(), h.completion.token(), h.completion.output()));
            } catch (RuntimeException e) {
                h.result.completeExceptionally(e);
            } catch (Error e) {
                h.result.completeExceptionally(e);
                throw e;
            }
        }
    }

    private void dispatch() {
        try {
            dispatchWhileClaiming();
        } finally {
            // Stopping (or failing): no more handoffs; those handed off meanwhile are committed now.
            synchronized (handoff) {
                accepting = false;
            }
            List<Handoff> left;
            while (!(left = takeHandoffs()).isEmpty()) {
                completeAlone(left);
            }
        }
    }

    private void dispatchWhileClaiming() {
        long poll = properties.pollInterval().toNanos();
        boolean failing = false;
        while (claiming) {
            int claimed = 0;
            List<Handoff> finished = takeHandoffs();
            try {
                claimed = claimOnce(finished);
                if (failing) {
                    failing = false;
                    log.warn("Claiming jobs works again on {}", instanceId);
                }
            } catch (RuntimeException e) {
                // Once per outage, not once per poll: a database down for a minute is one warning, not sixty.
                if (!failing) {
                    failing = true;
                    log.warn("Claiming jobs failed on {}; retrying every poll interval", instanceId, e);
                } else {
                    log.debug("Claiming jobs still fails on {}", instanceId, e);
                }
            } finally {
                // Whatever failed before they were committed, no worker waits forever for its answer.
                completeAlone(finished.stream().filter(h -> !h.result.isDone()).toList());
            }
            if (handoffs.isEmpty() && (claimed == 0 || active.size() >= properties.workers())) {
                LockSupport.parkNanos(this, poll);
            }
        }
    }

    /**
     * Claims what the free slots allow, counting as free the slots of the jobs whose completions {@code
     * finished} are: those are committed in the same transaction (or, if that fails, alone, and the claim
     * follows on its own).
     */
    private int claimOnce(List<Handoff> finished) {
        Set<UUID> finishing = new HashSet<>();
        finished.forEach(h -> finishing.add(h.completion.id()));
        int free = properties.workers() - active.size() + finishing.size();
        if (free <= 0 && finished.isEmpty()) {
            return 0;
        }
        Map<String, Long> runningByType = active.values().stream()
                .filter(e -> !finishing.contains(e.jobId()))
                .collect(Collectors.groupingBy(e -> e.job().type(), Collectors.counting()));
        Map<String, Integer> slots = new HashMap<>();
        for (String type : handlers.types()) {
            int typeFree = properties.concurrencyOf(type)
                    - runningByType.getOrDefault(type, 0L).intValue();
            if (typeFree > 0 && free > 0) {
                slots.put(type, Math.min(typeFree, free));
            }
        }
        List<Jobs.Row> rows = finished.isEmpty()
                ? queue.claim(instanceId, slots, free, properties.leaseDuration())
                : completeAndClaim(finished, slots, free);
        for (Jobs.Row row : rows) {
            UUID token = row.leaseToken();
            if (token == null) {
                throw new IllegalStateException("claimed job " + row.job().id() + " has no lease");
            }
            Execution execution = new Execution(row.job(), token, queue, json);
            active.put(row.job().id(), execution);
            Thread.ofVirtual()
                    .name("job-" + row.job().type() + "-" + row.job().id())
                    .start(() -> run(execution));
        }
        return rows.size();
    }

    /**
     * Commits {@code finished} and claims in one transaction; if that fails (nothing of it committed), each
     * completion alone (one bad completion fails only itself), then the claim on its own. Answers every
     * completion.
     */
    private List<Jobs.Row> completeAndClaim(List<Handoff> finished, Map<String, Integer> slots, int free) {
        JobQueue.CompletedAndClaimed round;
        try {
            round = queue.completeAndClaim(
                    finished.stream().map(Handoff::completion).toList(),
                    instanceId,
                    slots,
                    free,
                    properties.leaseDuration());
        } catch (RuntimeException | Error e) {
            completeAlone(finished);
            if (e instanceof Error error) {
                throw error;
            }
            log.warn("Completing and claiming together failed on {}; done apart", instanceId, e);
            return queue.claim(instanceId, slots, free, properties.leaseDuration());
        }
        Map<UUID, Optional<Job>> completed = round.completed();
        finished.forEach(h -> settle(h, completed.getOrDefault(h.completion.id(), Optional.empty())));
        return round.claimed();
    }

    /**
     * Answers a worker whose completion was committed (or fenced off), and frees its slot at once: the next
     * round must not count the job as running while its worker thread has yet to be scheduled again.
     */
    private void settle(Handoff h, Optional<Job> result) {
        active.remove(h.completion.id());
        h.result.complete(result);
    }

    private void run(Execution execution) {
        execution.bind(Thread.currentThread());
        Job job = execution.job();
        try {
            JobHandler handler = handlers.find(job.type())
                    .orElseThrow(() -> new IllegalStateException("No handler for job type " + job.type()));
            execution.loadSteps();
            JobOutcome outcome = handler.run(execution);
            if (!execution.beginFinishing()) {
                return;
            }
            switch (outcome) {
                case JobOutcome.Completed completed ->
                    execution.database(() -> complete(execution, completed.output()));
                case JobOutcome.Failed failed ->
                    execution.database(() ->
                            queue.failAttempt(job.id(), execution.leaseToken(), failed.error(), Duration.ZERO, true));
                case null -> throw new IllegalStateException("Handler for " + job.type() + " returned no outcome");
            }
        } catch (JobAbortedException aborted) {
            if (aborted.reason() == JobAbortedException.Reason.CANCELLED && execution.beginFinishing()) {
                execution.database(() -> queue.cancelRunning(job.id(), execution.leaseToken()));
            } else {
                log.info("Job {} ({}) stopped on {}: {}", job.id(), job.type(), instanceId, aborted.reason());
            }
        } catch (Exception | LinkageError | AssertionError failure) {
            failAttempt(execution, failure);
        } finally {
            active.remove(job.id());
            synchronized (drained) {
                drained.notifyAll();
            }
            wake();
        }
    }

    private void failAttempt(Execution execution, Throwable failure) {
        Job job = execution.job();
        boolean ours = execution.beginFinishing() || execution.state() == Execution.State.FINISHING;
        if (!ours) {
            log.info(
                    "Job {} ({}) ended on {} after it was taken away ({}): {}",
                    job.id(),
                    job.type(),
                    instanceId,
                    execution.state(),
                    failure.toString());
            return;
        }
        log.warn("Job {} ({}) attempt {} failed on {}", job.id(), job.type(), job.attempts(), instanceId, failure);
        try {
            execution.database(() -> queue.failAttempt(
                    job.id(), execution.leaseToken(), describe(failure), backoff.delay(job.attempts()), false));
        } catch (RuntimeException e) {
            log.error(
                    "Could not record the failure of job {}; its lease will expire and it will be recovered",
                    job.id(),
                    e);
        }
    }

    private void heartbeat() {
        try {
            List<Execution> held =
                    active.values().stream().filter(Execution::isRunning).toList();
            if (held.isEmpty()) {
                return;
            }
            Map<UUID, Boolean> renewed = new HashMap<>();
            queue.renew(JobQueue.tokens(held), properties.leaseDuration())
                    .forEach(renewal -> renewed.put(renewal.token(), renewal.cancelRequested()));
            for (Execution execution : held) {
                Boolean cancel = renewed.get(execution.leaseToken());
                if (cancel == null) {
                    if (execution.loseLease()) {
                        log.warn("Job {} lost its lease on {}; stopping it", execution.jobId(), instanceId);
                    }
                } else if (cancel) {
                    execution.requestCancel();
                }
            }
        } catch (RuntimeException e) {
            log.warn("Renewing job leases failed on {}", instanceId, e);
        }
    }

    private void recover() {
        try {
            List<Job> recovered;
            do {
                recovered = queue.recoverExpired(RECOVERY_BATCH);
                for (Job job : recovered) {
                    log.warn(
                            "Recovered job {} ({}) whose lease expired: now {}",
                            job.id(),
                            job.type(),
                            job.status().value());
                }
            } while (recovered.size() == RECOVERY_BATCH);
        } catch (RuntimeException e) {
            log.warn("Recovering expired job leases failed on {}", instanceId, e);
        }
    }

    private void awaitDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (drained) {
            while (!active.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(drained, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank()
                ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + message;
    }

    Set<String> types() {
        return handlers.types();
    }
}
