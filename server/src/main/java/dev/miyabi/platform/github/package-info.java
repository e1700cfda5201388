/**
 * GitHub: mirrors the agent task board to a repository's issues, both ways (A2A). Each task becomes one
 * issue whose labels carry its status, agent and priority; status changes travel through an outbox written
 * in the board's transaction; people's closes, {@code a2a:cancelled} labels and {@code /retry} comments
 * come back by webhook and by a periodic reconciliation. Off (nothing calls GitHub) unless {@code
 * miyabi.github.repository} is set. Its API is {@link dev.miyabi.platform.github.GitHubMirrorStatus}.
 */
@ApplicationModule(
        displayName = "GitHub mirror",
        allowedDependencies = {"shared", "identity", "agents"})
@NullMarked
package dev.miyabi.platform.github;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
