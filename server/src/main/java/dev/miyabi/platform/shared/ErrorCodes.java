package dev.miyabi.platform.shared;

import org.springframework.http.HttpStatus;

/** The stable problem {@code code}s of the API contract (API.md, "Error codes"). */
public final class ErrorCodes {

    public static final String MALFORMED_REQUEST = "malformed_request";
    public static final String VALIDATION_FAILED = "validation_failed";
    public static final String IDEMPOTENCY_KEY_MISSING = "idempotency_key_missing";
    public static final String CARD_DATA_REFUSED = "card_data_refused";
    public static final String INVALID_SIGNATURE = "invalid_signature";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String INVALID_CREDENTIALS = "invalid_credentials";
    public static final String PAYMENT_DECLINED = "payment_declined";
    public static final String FORBIDDEN = "forbidden";
    public static final String SELF_APPROVAL_FORBIDDEN = "self_approval_forbidden";
    public static final String SEARCH_ACCESS_REQUIRED = "search_access_required";
    public static final String NOT_FOUND = "not_found";
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    public static final String NOT_ACCEPTABLE = "not_acceptable";
    public static final String VERSION_CONFLICT = "version_conflict";
    public static final String INVALID_STATE = "invalid_state";
    public static final String ALREADY_DECIDED = "already_decided";
    public static final String EMAIL_TAKEN = "email_taken";
    public static final String IDEMPOTENCY_KEY_IN_USE = "idempotency_key_in_use";
    public static final String JOB_NOT_COMPLETED = "job_not_completed";
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    public static final String IDEMPOTENCY_KEY_REUSE = "idempotency_key_reuse";
    public static final String INVALID_INPUT = "invalid_input";
    public static final String UNREADABLE_UPLOAD = "unreadable_upload";
    public static final String PRODUCT_UNAVAILABLE = "product_unavailable";
    public static final String REFUND_EXCEEDS_CAPTURED = "refund_exceeds_captured";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String BUDGET_EXCEEDED = "budget_exceeded";
    public static final String SERVICE_UNAVAILABLE = "service_unavailable";
    public static final String INTERNAL_ERROR = "internal_error";

    private ErrorCodes() {}

    /** The code used when nothing more specific than the status is known. */
    public static String forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> INVALID_STATE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 503 -> SERVICE_UNAVAILABLE;
            default ->
                status >= 500
                        ? INTERNAL_ERROR
                        : HttpStatus.valueOf(status).name().toLowerCase();
        };
    }
}
