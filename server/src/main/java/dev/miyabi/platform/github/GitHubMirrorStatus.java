package dev.miyabi.platform.github;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The mirror as the admin sees it ({@code GET /api/integrations/github}).
 *
 * @param enabled whether a repository is configured
 * @param repository {@code owner/name}, when enabled
 * @param backlog tasks with status changes not yet on GitHub
 * @param pausedUntil until when a rate limit stops every request, while it does
 * @param lastSuccessAt when a change last reached GitHub or a reconciliation last completed
 * @param lastError the last failure, as GitHub or the network reported it (never a secret)
 */
public record GitHubMirrorStatus(
        boolean enabled,
        @Nullable String repository,
        long backlog,
        @Nullable Instant pausedUntil,
        @Nullable Instant lastSuccessAt,
        @Nullable String lastError) {}
