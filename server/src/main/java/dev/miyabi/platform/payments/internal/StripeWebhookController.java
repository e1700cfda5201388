package dev.miyabi.platform.payments.internal;

import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.ErrorCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@Tag(name = "Payments")
class StripeWebhookController {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhookController.class);

    private final StripeWebhooks webhooks;
    private final PaymentCheckout checkout;
    private final PaymentService payments;
    private final StripeSignature signature;
    private final JsonMapper json;
    private final Clock clock;

    StripeWebhookController(
            StripeWebhooks webhooks,
            PaymentCheckout checkout,
            PaymentService payments,
            PaymentsProperties properties,
            JsonMapper json,
            Clock clock) {
        this.webhooks = webhooks;
        this.checkout = checkout;
        this.payments = payments;
        this.signature = new StripeSignature(
                properties.stripe().webhookSecrets(), properties.stripe().webhookTolerance());
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/api/payments/webhooks/{provider}")
    @Operation(
            summary = "Provider webhooks (no bearer token; signed)",
            description = "stripe: Stripe-Signature t=…,v1=… = HMAC-SHA256 over \"{t}.{raw body}\" with the endpoint"
                    + " secret, 300 s tolerance; 400 invalid_signature otherwise and nothing changes. Applies"
                    + " payment_intent.succeeded, payment_intent.payment_failed, charge.refunded and"
                    + " charge.refund.updated; an event id"
                    + " already applied is acknowledged and ignored.")
    Map<String, Object> receive(
            @PathVariable String provider,
            @RequestHeader(name = "Stripe-Signature", required = false) @Nullable String signatureHeader,
            @RequestBody(required = false) byte @Nullable [] body) {
        if (!provider.equals("stripe")) {
            throw ApiException.notFound("Webhook endpoint");
        }
        byte[] raw = body == null ? new byte[0] : body;
        try {
            signature.verify(signatureHeader, raw, clock.instant());
        } catch (StripeSignature.Invalid e) {
            log.warn("Refused a Stripe webhook: {}", e.getMessage());
            throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_SIGNATURE, e.getMessage());
        }
        JsonNode event;
        try {
            event = json.readTree(raw);
        } catch (JacksonException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.MALFORMED_REQUEST, "The event is not JSON");
        }
        StripeWebhooks.Applied applied;
        try {
            applied = webhooks.apply(event);
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.MALFORMED_REQUEST, e.getMessage());
        }
        if (applied.refundToRun() != null) {
            payments.findRefund(applied.refundToRun()).ifPresent(checkout::run);
        }
        return Map.of("received", true, "duplicate", applied.duplicate());
    }
}
