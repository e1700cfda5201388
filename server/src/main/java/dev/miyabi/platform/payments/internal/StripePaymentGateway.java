package dev.miyabi.platform.payments.internal;

import dev.miyabi.platform.shared.Money;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe over its REST API (form-encoded requests, JSON answers), with the secret key as bearer token,
 * a pinned {@code Stripe-Version} and Stripe's own {@code Idempotency-Key} on every POST (derived from
 * our payment or refund id, so a retried call is the same charge at Stripe).
 *
 * <ul>
 *   <li>charge: {@code POST /v1/payment_intents} created and confirmed at once with the tokenised
 *       payment method (no redirects: the checkout cannot send the customer through 3-D Secure);
 *   <li>lookup: {@code GET /v1/payment_intents/{id}}, or without an id the search API on our {@code
 *       metadata[miyabi_payment_id]};
 *   <li>refund: {@code POST /v1/refunds}; lookup by id, or among the PaymentIntent's refunds by our
 *       {@code metadata[miyabi_refund_id]}.
 * </ul>
 *
 * A 402 {@code card_error} is a decline ({@code decline_code}, else {@code code}); other 4xx refusals of
 * the payment method are declines with Stripe's code; 409, 429, 5xx, timeouts and network errors are
 * unknown outcomes ({@link GatewayException}, retryable); 401/403 are configuration errors (not
 * retryable). The secret key never appears in logs or exception messages.
 */
class StripePaymentGateway implements PaymentGateway {

    private final PaymentsProperties.Stripe settings;
    private final HttpClient http;
    private final JsonMapper json;

    public StripePaymentGateway(PaymentsProperties.Stripe settings, JsonMapper json) {
        this(
                settings,
                HttpClient.newBuilder()
                        .connectTimeout(settings.connectTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build(),
                json);
    }

    StripePaymentGateway(PaymentsProperties.Stripe settings, HttpClient http, JsonMapper json) {
        if (!settings.hasSecretKey()) {
            throw new IllegalStateException(
                    "The stripe payment provider needs a secret key: set STRIPE_SECRET_KEY (or miyabi.payments.stripe.secret-key)");
        }
        this.settings = settings;
        this.http = http;
        this.json = json;
    }

    @Override
    public String name() {
        return "stripe";
    }

    @Override
    public ChargeResult charge(ChargeRequest request) {
        Form form = new Form()
                .add("amount", Long.toString(MinorUnits.of(request.amount())))
                .add("currency", request.amount().currency().toLowerCase(Locale.ROOT))
                .add("payment_method", request.paymentMethod())
                .add("confirm", "true")
                .add("automatic_payment_methods[enabled]", "true")
                .add("automatic_payment_methods[allow_redirects]", "never")
                .add("description", request.description())
                .add("metadata[miyabi_payment_id]", request.paymentId().toString())
                .add("metadata[miyabi_order_id]", request.orderId().toString())
                .add("expand[]", "latest_charge");
        Answer answer = send("POST", "/v1/payment_intents", form, request.idempotencyKey());
        if (answer.ok()) {
            return paymentIntent(answer.body(), request.amount());
        }
        return chargeRefusal(answer);
    }

    @Override
    public ChargeResult lookup(ChargeLookup lookup) {
        if (lookup.providerRef() != null) {
            Answer answer = send(
                    "GET",
                    "/v1/payment_intents/" + encode(lookup.providerRef()) + "?expand%5B%5D=latest_charge",
                    null,
                    null);
            if (answer.status() == 404) {
                return new ChargeResult.NotFound();
            }
            if (!answer.ok()) {
                throw unknown(answer);
            }
            return paymentIntent(answer.body(), lookup.amount());
        }
        String query = "metadata['miyabi_payment_id']:'" + lookup.paymentId() + "'";
        Answer answer = send(
                "GET",
                "/v1/payment_intents/search?query=" + encode(query) + "&expand%5B%5D=data.latest_charge",
                null,
                null);
        if (!answer.ok()) {
            throw unknown(answer);
        }
        JsonNode data = answer.body().path("data");
        return data.isArray() && !data.isEmpty()
                ? paymentIntent(data.get(0), lookup.amount())
                : new ChargeResult.NotFound();
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        Form form = new Form()
                .add("payment_intent", request.chargeRef())
                .add("amount", Long.toString(MinorUnits.of(request.amount())))
                .add("metadata[miyabi_refund_id]", request.refundId().toString());
        if (request.reason() != null) {
            String reason = request.reason();
            form.add("metadata[reason]", reason.length() > 500 ? reason.substring(0, 500) : reason);
        }
        Answer answer = send("POST", "/v1/refunds", form, request.idempotencyKey());
        if (answer.ok()) {
            return refundObject(answer.body());
        }
        JsonNode error = answer.body().path("error");
        if ((answer.status() == 400 || answer.status() == 402 || answer.status() == 404)
                && !"idempotency_error".equals(text(error, "type"))) {
            return new RefundResult.Failed(
                    null,
                    firstNonNull(text(error, "code"), "invalid_request"),
                    firstNonNull(text(error, "message"), "Stripe refused the refund"));
        }
        throw unknown(answer);
    }

    @Override
    public RefundResult lookupRefund(RefundLookup lookup) {
        if (lookup.providerRef() != null) {
            Answer answer = send("GET", "/v1/refunds/" + encode(lookup.providerRef()), null, null);
            if (answer.status() == 404) {
                return new RefundResult.NotFound();
            }
            if (!answer.ok()) {
                throw unknown(answer);
            }
            return refundObject(answer.body());
        }
        Answer answer = send("GET", "/v1/refunds?limit=100&payment_intent=" + encode(lookup.chargeRef()), null, null);
        if (!answer.ok()) {
            throw unknown(answer);
        }
        for (JsonNode refund : answer.body().path("data")) {
            if (lookup.refundId().toString().equals(text(refund.path("metadata"), "miyabi_refund_id"))) {
                return refundObject(refund);
            }
        }
        return new RefundResult.NotFound();
    }

    // ---- Stripe objects -----------------------------------------------------------------------

    /**
     * The PaymentIntent as the outcome of our charge of {@code charged}. A success for another amount or
     * currency is no answer about our charge: the payment stays processing (reconciliation asks again and
     * gives up after its bound), never paid for less than the order's total.
     */
    static ChargeResult paymentIntent(JsonNode intent, Money charged) {
        ChargeResult result = paymentIntent(intent);
        if (result instanceof ChargeResult.Succeeded && !confirms(intent, charged)) {
            throw new GatewayException(
                    "amount_mismatch",
                    "Stripe confirmed PaymentIntent " + text(intent, "id") + " for " + text(intent, "amount") + " "
                            + text(intent, "currency") + " (minor units), not the " + MinorUnits.of(charged) + " "
                            + charged.currency().toLowerCase(Locale.ROOT) + " charged",
                    false);
        }
        return result;
    }

    /** Whether the intent is for exactly {@code charged}: amount in minor units and currency. */
    static boolean confirms(JsonNode intent, Money charged) {
        return intent.path("amount").isIntegralNumber()
                && intent.path("amount").asLong() == MinorUnits.of(charged)
                && charged.currency().equalsIgnoreCase(firstNonNull(text(intent, "currency"), ""));
    }

    private static ChargeResult paymentIntent(JsonNode intent) {
        String id = firstNonNull(text(intent, "id"), "");
        String status = firstNonNull(text(intent, "status"), "");
        return switch (status) {
            case "succeeded" -> new ChargeResult.Succeeded(id, methodType(intent));
            case "processing", "requires_confirmation", "requires_capture" -> new ChargeResult.Pending(id);
            case "requires_action" ->
                new ChargeResult.Declined(
                        id,
                        "authentication_required",
                        "The card needs authentication (3-D Secure), which this checkout does not support");
            case "canceled" -> new ChargeResult.Declined(id, "canceled", "The payment was canceled");
            case "requires_payment_method" -> {
                JsonNode error = intent.path("last_payment_error");
                yield new ChargeResult.Declined(
                        id,
                        firstNonNull(text(error, "decline_code"), text(error, "code"), "payment_failed"),
                        firstNonNull(text(error, "message"), "The payment method was not accepted"));
            }
            // No status, or one Stripe does not document: nothing can be concluded about the charge.
            default ->
                throw new GatewayException(
                        "unexpected_response", "Stripe answered a PaymentIntent with status '" + status + "'", false);
        };
    }

    static RefundResult refundObject(JsonNode refund) {
        String id = firstNonNull(text(refund, "id"), "");
        return switch (firstNonNull(text(refund, "status"), "")) {
            case "succeeded" -> new RefundResult.Succeeded(id);
            case "failed", "canceled" ->
                new RefundResult.Failed(
                        id,
                        firstNonNull(text(refund, "failure_reason"), text(refund, "status"), "failed"),
                        "Stripe could not refund: "
                                + firstNonNull(text(refund, "failure_reason"), text(refund, "status"), "failed"));
            default -> new RefundResult.Pending(id);
        };
    }

    private static @Nullable String methodType(JsonNode intent) {
        String fromCharge = text(intent.path("latest_charge").path("payment_method_details"), "type");
        if (fromCharge != null) {
            return fromCharge;
        }
        JsonNode types = intent.path("payment_method_types");
        return types.isArray() && types.size() == 1 ? types.get(0).asString() : null;
    }

    private ChargeResult chargeRefusal(Answer answer) {
        JsonNode error = answer.body().path("error");
        String type = text(error, "type");
        String intent = text(error.path("payment_intent"), "id");
        if (answer.status() == 402 || "card_error".equals(type)) {
            return new ChargeResult.Declined(
                    intent,
                    firstNonNull(text(error, "decline_code"), text(error, "code"), "card_declined"),
                    firstNonNull(text(error, "message"), "The card was declined"));
        }
        if ((answer.status() == 400 || answer.status() == 404) && "invalid_request_error".equals(type)) {
            return new ChargeResult.Declined(
                    intent,
                    firstNonNull(text(error, "code"), "invalid_request"),
                    firstNonNull(text(error, "message"), "Stripe refused the payment method"));
        }
        throw unknown(answer);
    }

    private GatewayException unknown(Answer answer) {
        int status = answer.status();
        JsonNode error = answer.body().path("error");
        String detail = "Stripe answered " + status
                + (text(error, "type") == null ? "" : " " + text(error, "type"))
                + (text(error, "code") == null ? "" : " (" + text(error, "code") + ")");
        boolean shouldRetry = !"false".equals(answer.shouldRetry());
        return switch (status) {
            case 401 -> new GatewayException("authentication", detail + ": the secret key was rejected", false);
            case 403 -> new GatewayException("permission", detail + ": the key may not do this", false);
            case 409 -> new GatewayException("conflict", detail, shouldRetry);
            case 429 -> new GatewayException("rate_limited", detail, shouldRetry);
            default ->
                status >= 500
                        ? new GatewayException("server_error", detail, shouldRetry)
                        : new GatewayException("unexpected_response", detail, false);
        };
    }

    // ---- HTTP ---------------------------------------------------------------------------------

    private record Answer(
            int status, JsonNode body, @Nullable String shouldRetry) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private Answer send(String method, String pathAndQuery, @Nullable Form form, @Nullable String idempotencyKey) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base() + pathAndQuery))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + settings.secretKey())
                .header("Stripe-Version", settings.apiVersion())
                .header("User-Agent", "miyabi-platform")
                .header("Accept", "application/json");
        if (form != null) {
            builder.header("Content-Type", "application/x-www-form-urlencoded");
            builder.method(method, HttpRequest.BodyPublishers.ofString(form.encoded(), StandardCharsets.UTF_8));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response;
        // The request's timeout ends at the answer's headers; waiting on the exchange bounds its body too.
        CompletableFuture<HttpResponse<String>> exchange =
                http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            response = exchange.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new GatewayException(
                    "timeout", "Stripe did not answer " + method + " " + path(pathAndQuery) + " in time", true, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new GatewayException(
                        "timeout",
                        "Stripe did not answer " + method + " " + path(pathAndQuery) + " in time",
                        true,
                        cause);
            }
            if (cause instanceof IOException) {
                throw new GatewayException(
                        "network", "Network error on " + method + " " + path(pathAndQuery) + ": " + cause, true, cause);
            }
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new GatewayException("interrupted", "Interrupted while calling Stripe", false, e);
        }
        JsonNode body;
        try {
            body = response.body() == null || response.body().isBlank()
                    ? json.createObjectNode()
                    : json.readTree(response.body());
        } catch (JacksonException e) {
            throw new GatewayException(
                    "unexpected_response",
                    "Stripe answered " + response.statusCode() + " with a body that is not JSON",
                    response.statusCode() >= 500 || response.statusCode() == 429);
        }
        return new Answer(
                response.statusCode(),
                body,
                response.headers().firstValue("Stripe-Should-Retry").orElse(null));
    }

    private String base() {
        String base = settings.baseUrl().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String path(String pathAndQuery) {
        int query = pathAndQuery.indexOf('?');
        return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() || value.isContainer() ? null : value.asString();
    }

    @SafeVarargs
    private static <T> T firstNonNull(@Nullable T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        throw new IllegalArgumentException("no value");
    }

    /** {@code application/x-www-form-urlencoded}, in the order the fields were added (so retries send the same bytes). */
    static final class Form {
        private final List<Map.Entry<String, String>> fields = new ArrayList<>();

        Form add(String name, String value) {
            fields.add(Map.entry(name, value));
            return this;
        }

        String encoded() {
            StringJoiner joined = new StringJoiner("&");
            fields.forEach(field -> joined.add(encode(field.getKey()) + "=" + encode(field.getValue())));
            return joined.toString();
        }
    }
}
