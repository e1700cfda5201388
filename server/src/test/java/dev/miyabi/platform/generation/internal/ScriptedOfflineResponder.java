package dev.miyabi.platform.generation.internal;

import dev.miyabi.platform.llm.OfflineResponder;
import dev.miyabi.platform.llm.StructuredRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Test-only offline responder, first in line for the course outline and quiz tasks: for a course topic a
 * test scripted, it fails (as a broken model would) or holds the call until released (a slow model);
 * every other topic gets the real offline writer's answer. Inert for tests that script nothing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ScriptedOfflineResponder implements OfflineResponder {

    private static final Map<String, String> FAILING = new ConcurrentHashMap<>();
    private static final Map<String, CountDownLatch> HELD = new ConcurrentHashMap<>();
    private static final Map<String, CountDownLatch> ARRIVED = new ConcurrentHashMap<>();

    /** Calls of {@code task} for courses on {@code topic} throw until {@link #clear}. */
    public static void fail(String topic, String task) {
        FAILING.put(topic, task);
    }

    /** The outline call for {@code topic} waits until {@link #release}; returns a latch counting its arrival. */
    public static CountDownLatch hold(String topic) {
        HELD.put(topic, new CountDownLatch(1));
        CountDownLatch arrived = new CountDownLatch(1);
        ARRIVED.put(topic, arrived);
        return arrived;
    }

    public static void release(String topic) {
        CountDownLatch latch = HELD.remove(topic);
        if (latch != null) {
            latch.countDown();
        }
    }

    public static void clear(String topic) {
        FAILING.remove(topic);
        release(topic);
        ARRIVED.remove(topic);
    }

    @Override
    public boolean supports(String task) {
        return task.equals(CourseGeneratorAgent.OUTLINE_TASK) || task.equals(CourseGeneratorAgent.QUIZ_TASK);
    }

    @Override
    public JsonNode respond(StructuredRequest request) {
        String topic = request.text("topic").orElse("");
        if (request.task().equals(FAILING.get(topic))) {
            throw new IllegalStateException("Scripted failure of " + request.task() + " for " + topic);
        }
        if (request.task().equals(CourseGeneratorAgent.OUTLINE_TASK)) {
            CountDownLatch arrived = ARRIVED.get(topic);
            if (arrived != null) {
                arrived.countDown();
            }
            CountDownLatch held = HELD.get(topic);
            if (held != null) {
                try {
                    if (!held.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("A held outline call for " + topic + " was never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while held", e);
                }
            }
            return OfflineCourseWriter.outline(OfflineCourseWriter.input(request));
        }
        return OfflineCourseWriter.quiz(request);
    }
}
