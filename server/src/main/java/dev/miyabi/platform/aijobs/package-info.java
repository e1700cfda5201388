/**
 * AI jobs: a durable job queue in PostgreSQL ({@code ai_jobs}, {@code ai_job_steps}). Its API is the
 * {@link dev.miyabi.platform.aijobs.AiJobs} facade, the {@link dev.miyabi.platform.aijobs.JobHandler}
 * SPI with its {@link dev.miyabi.platform.aijobs.JobContext}, the {@link dev.miyabi.platform.aijobs.Job}
 * snapshot and the {@link dev.miyabi.platform.aijobs.JobEvent}s.
 */
@ApplicationModule(
        displayName = "AI jobs",
        allowedDependencies = {"shared", "identity"})
@NullMarked
package dev.miyabi.platform.aijobs;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
