package dev.miyabi.platform.github.internal;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the GitHub mirror ({@code miyabi.github.*}, e.g. {@code MIYABI_GITHUB_REPOSITORY}). Secrets
 * are left out of {@link #toString()}.
 *
 * @param repository {@code owner/name}; the mirror is off without it
 * @param token a personal access token (fine-grained or classic)
 * @param appId a GitHub App's id, used with {@code appPrivateKey} instead of a token
 * @param appPrivateKey the App's PEM private key (PKCS#1 as GitHub issues it, or PKCS#8)
 * @param apiUrl the REST API root: {@code https://api.github.com} or an Enterprise Server's {@code
 *     https://host/api/v3} ({@code http://} allowed)
 * @param webhookSecret the webhook's secret; without it every webhook is refused
 * @param webUrl the web UI's address, for links in issue bodies
 * @param reconcileInterval how often the repository's changed issues are read as a safety net
 * @param pollInterval how often each instance looks for due outbox rows
 * @param lease how long a claim on a task lasts without renewal (a dead instance's claims expire then)
 * @param backoffBase first retry delay after a failure (doubled per attempt)
 * @param backoffMax longest retry delay
 * @param requestTimeout per request
 * @param pageSize issues per page when listing (GitHub allows up to 100)
 */
@ConfigurationProperties("miyabi.github")
record GitHubProperties(
        @Nullable String repository,
        @Nullable String token,
        @Nullable String appId,
        @Nullable String appPrivateKey,
        @DefaultValue("https://api.github.com") URI apiUrl,
        @Nullable String webhookSecret,
        @Nullable String webUrl,
        @DefaultValue("60s") Duration reconcileInterval,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("5s") Duration backoffBase,
        @DefaultValue("10m") Duration backoffMax,
        @DefaultValue("15s") Duration requestTimeout,
        @DefaultValue("100") int pageSize) {

    public GitHubProperties {
        if (repository != null && repository.isBlank()) {
            repository = null;
        }
        if (repository != null && !repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("miyabi.github.repository must be owner/name, not " + repository);
        }
        if (lease.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalArgumentException("miyabi.github.lease is at most 30s");
        }
        if (pageSize < 1 || pageSize > 100) {
            throw new IllegalArgumentException("miyabi.github.page-size is 1 to 100");
        }
        if (repository != null && blank(token) && (blank(appId) || blank(appPrivateKey))) {
            throw new IllegalArgumentException("miyabi.github.repository needs MIYABI_GITHUB_TOKEN, or"
                    + " MIYABI_GITHUB_APP_ID with MIYABI_GITHUB_APP_PRIVATE_KEY");
        }
    }

    public boolean enabled() {
        return repository != null;
    }

    boolean usesApp() {
        return blank(token);
    }

    /** The API root without a trailing slash. */
    String apiRoot() {
        String root = apiUrl.toString();
        return root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "GitHubProperties[repository=" + repository + ", apiUrl=" + apiUrl + ", auth="
                + (repository == null ? "none" : usesApp() ? "app " + appId : "token") + ", webhookSecret="
                + (blank(webhookSecret) ? "unset" : "set") + ", reconcileInterval=" + reconcileInterval + "]";
    }
}
