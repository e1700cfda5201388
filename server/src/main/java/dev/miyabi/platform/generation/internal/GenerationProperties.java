package dev.miyabi.platform.generation.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the generation module ({@code miyabi.generation.*}).
 *
 * @param parallelSteps lessons (or document sections) a job writes at once; model calls dominate, so a
 *     few in parallel cut a course's time several-fold
 * @param maxAttempts starts of a generation job before it fails for good
 */
@Validated
@ConfigurationProperties("miyabi.generation")
record GenerationProperties(
        @DefaultValue("4") int parallelSteps,
        @DefaultValue("3") int maxAttempts) {

    public GenerationProperties {
        if (parallelSteps < 1 || parallelSteps > 32) {
            throw new IllegalArgumentException("miyabi.generation.parallel-steps must be 1 to 32");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("miyabi.generation.max-attempts must be at least 1");
        }
    }
}
