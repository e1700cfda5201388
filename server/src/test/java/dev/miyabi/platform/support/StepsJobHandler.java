package dev.miyabi.platform.support;

import dev.miyabi.platform.aijobs.JobContext;
import dev.miyabi.platform.aijobs.JobHandler;
import dev.miyabi.platform.aijobs.JobOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Test-only AI job handlers (test sources, scanned into the shared context and into any second instance
 * a test starts), so tests can run real jobs through the real queue and workers: {@value #TYPE} runs
 * {@code input.steps} durable steps (default 3), each reported as progress, then completes with {@code
 * {"steps": n}}; {@code input.fail: true} fails it for good instead. {@value #REMOTE_TYPE} does the same
 * but exists only on instances started with {@code miyabi.test.remote-steps-handler=true}, so a test can
 * have a job run by a second instance's workers and by nobody else. No other test uses these types.
 */
@Configuration(proxyBeanMethods = false)
public class StepsJobHandler {

    public static final String TYPE = "test_steps";
    public static final String REMOTE_TYPE = "test_remote_steps";

    @Bean
    JobHandler testStepsJobHandler() {
        return handler(TYPE);
    }

    @Bean
    @ConditionalOnProperty(name = "miyabi.test.remote-steps-handler", havingValue = "true")
    JobHandler testRemoteStepsJobHandler() {
        return handler(REMOTE_TYPE);
    }

    private static JobHandler handler(String type) {
        return new JobHandler() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public JobOutcome run(JobContext context) throws Exception {
                int steps = context.input().path("steps").asInt(3);
                context.totalSteps(steps);
                for (int i = 1; i <= steps; i++) {
                    int step = i;
                    context.progress("Step " + step + " of " + steps);
                    context.step(
                            "step-" + step,
                            () -> JsonNodeFactory.instance.objectNode().put("step", step));
                }
                if (context.input().path("fail").asBoolean(false)) {
                    return JobOutcome.failed("asked to fail");
                }
                return JobOutcome.completed(
                        JsonNodeFactory.instance.objectNode().put("steps", steps));
            }
        };
    }
}
