/**
 * Generation: the CourseGeneratorAgent (201) and DocumentGeneratorAgent (202), which run as AI jobs of
 * the types {@value dev.miyabi.platform.generation.GenerationJobs#COURSE} and {@value
 * dev.miyabi.platform.generation.GenerationJobs#DOCUMENT} through the orchestrator; the generated
 * courses and documents; their exports (Markdown, HTML, PDF); and {@code /api/ai/jobs}. Its API is the
 * {@link dev.miyabi.platform.generation.GeneratedContent} facade, the job type names and the {@link
 * dev.miyabi.platform.generation.CourseGenerated} / {@link dev.miyabi.platform.generation.DocumentGenerated}
 * events.
 */
@ApplicationModule(
        displayName = "Generation",
        allowedDependencies = {"shared", "identity", "llm", "aijobs", "agents"})
@NullMarked
package dev.miyabi.platform.generation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
