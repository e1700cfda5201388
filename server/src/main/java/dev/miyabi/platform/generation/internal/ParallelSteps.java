package dev.miyabi.platform.generation.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Runs independent durable steps (the lessons of a course, the sections of a document) on virtual
 * threads, at most {@code parallelism} at once, and returns their results in order. The first failure
 * stops the others and is rethrown as it was thrown (a cancelled job's abort included).
 */
final class ParallelSteps {

    private ParallelSteps() {}

    static <T> List<T> run(List<Callable<T>> steps, int parallelism) throws Exception {
        if (parallelism <= 1 || steps.size() <= 1) {
            List<T> results = new ArrayList<>(steps.size());
            for (Callable<T> step : steps) {
                results.add(step.call());
            }
            return results;
        }
        Semaphore permits = new Semaphore(parallelism);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>(steps.size());
            for (Callable<T> step : steps) {
                futures.add(executor.submit(() -> {
                    permits.acquire();
                    try {
                        return step.call();
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<T> results = new ArrayList<>(steps.size());
            try {
                for (Future<T> future : futures) {
                    results.add(future.get());
                }
            } catch (ExecutionException e) {
                futures.forEach(future -> future.cancel(true));
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            } catch (InterruptedException e) {
                futures.forEach(future -> future.cancel(true));
                Thread.currentThread().interrupt();
                throw e;
            }
            return results;
        }
    }
}
