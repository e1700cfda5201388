package dev.miyabi.platform.payments.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the payments module ({@code miyabi.payments.*}).
 *
 * @param provider {@code auto} (Stripe when a secret key is set, else the sandbox), {@code sandbox} or
 *     {@code stripe}
 * @param retry retries of a charge or refund call whose outcome is unknown, within one request
 * @param reconciliation the job that settles payments and refunds whose outcome stayed unknown
 * @param sandbox the sandbox gateway
 * @param stripe the Stripe gateway and its webhooks
 */
@ConfigurationProperties("miyabi.payments")
record PaymentsProperties(
        @DefaultValue("auto") String provider,
        @DefaultValue Retry retry,
        @DefaultValue Reconciliation reconciliation,
        @DefaultValue Sandbox sandbox,
        @DefaultValue Stripe stripe) {

    public PaymentsProperties {
        if (!List.of("auto", "sandbox", "stripe").contains(provider)) {
            throw new IllegalArgumentException(
                    "miyabi.payments.provider (MIYABI_PAYMENTS_PROVIDER) must be auto, sandbox or stripe, not "
                            + provider);
        }
    }

    /**
     * The gateway this instance uses. {@code auto} means Stripe with a key; without one, the sandbox only in
     * the zero-setup mode (the embedded database): a server on a real database that silently took free
     * test cards would give products away, so there the sandbox must be asked for by name.
     */
    public String effectiveProvider(boolean embeddedDatabase) {
        if (!provider.equals("auto")) {
            return provider;
        }
        if (stripe.hasSecretKey()) {
            return "stripe";
        }
        if (embeddedDatabase) {
            return "sandbox";
        }
        throw new IllegalStateException("No payment provider is configured. With an external database, set"
                + " STRIPE_SECRET_KEY (and MIYABI_PAYMENTS_PROVIDER=stripe) to take real payments, or"
                + " MIYABI_PAYMENTS_PROVIDER=sandbox to accept only Stripe's test payment methods (no money moves).");
    }

    /**
     * @param maxAttempts calls per charge or refund within one request (1 = no retry)
     * @param initialBackoff the wait before the second call; doubled for each further one
     * @param maxBackoff the longest wait between calls
     */
    public record Retry(
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("2s") Duration maxBackoff) {

        public Retry {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("miyabi.payments.retry.max-attempts must be at least 1");
            }
        }

        public Duration backoff(int attempt) {
            long millis = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
            return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
        }
    }

    /**
     * @param interval how often every instance looks for due payments and refunds
     * @param grace how long after it started a payment is left to its request before reconciliation may
     *     look at it (longer than the request's own retries)
     * @param maxBackoff the longest wait between two checks of one payment (doubling from {@code interval})
     * @param lease how long a claimed payment is left to the instance that claimed it
     * @param reissueWindow while a payment is younger than this, a charge the provider has no record of is
     *     asked for again with the same idempotency key (Stripe keeps keys 24 hours)
     * @param giveUpAfter a payment still unknown this long after it started, of which the provider has no
     *     record, is failed
     * @param batchSize payments (and refunds) claimed per run
     * @param concurrency claimed payments (and refunds) settled at once by one instance; each takes a
     *     gateway call and a pooled database connection
     */
    public record Reconciliation(
            @DefaultValue("30s") Duration interval,
            @DefaultValue("2m") Duration grace,
            @DefaultValue("1h") Duration maxBackoff,
            @DefaultValue("2m") Duration lease,
            @DefaultValue("23h") Duration reissueWindow,
            @DefaultValue("72h") Duration giveUpAfter,
            @DefaultValue("50") int batchSize,
            @DefaultValue("4") int concurrency) {

        public Reconciliation {
            if (concurrency < 1) {
                throw new IllegalArgumentException("miyabi.payments.reconciliation.concurrency must be at least 1");
            }
        }

        /** The wait before check number {@code attempts + 1}: the interval, doubled per check, capped. */
        public Duration backoff(int attempts) {
            long millis = interval.toMillis() << Math.min(Math.max(attempts, 0), 20);
            return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
        }
    }

    /**
     * @param latency how long every sandbox call takes, to see the processing state in a UI
     * @param transientFailures how many calls with one key {@code pm_card_processingError} (transient
     *     error) and {@code pm_sandbox_timeout} (timeout after charging) fail before the gateway answers
     */
    public record Sandbox(
            @DefaultValue("0ms") Duration latency,
            @DefaultValue("3") int transientFailures) {}

    /**
     * @param secretKey the API secret key ({@code sk_…}); never logged
     * @param webhookSecret the signing secret(s) of the webhook endpoint ({@code whsec_…}), comma-separated
     *     while rolling a secret
     * @param baseUrl the API root
     * @param apiVersion the {@code Stripe-Version} every request pins
     * @param connectTimeout TCP connect timeout
     * @param requestTimeout the longest wait for one answer; beyond it the outcome is unknown
     * @param webhookTolerance how far a webhook's signed timestamp may be from now
     */
    public record Stripe(
            @Nullable String secretKey,
            @Nullable String webhookSecret,
            @DefaultValue("https://api.stripe.com") URI baseUrl,
            @DefaultValue("2024-06-20") String apiVersion,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("30s") Duration requestTimeout,
            @DefaultValue("300s") Duration webhookTolerance) {

        public boolean hasSecretKey() {
            return secretKey != null && !secretKey.isBlank();
        }

        public List<String> webhookSecrets() {
            return webhookSecret == null
                    ? List.of()
                    : Arrays.stream(webhookSecret.split(","))
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .toList();
        }

        @Override
        public String toString() {
            return "Stripe[baseUrl=" + baseUrl + ", apiVersion=" + apiVersion + ", secretKey="
                    + (hasSecretKey() ? "(set)" : "(none)") + ", webhookSecret="
                    + (webhookSecrets().isEmpty() ? "(none)" : "(set)") + "]";
        }
    }
}
