package dev.miyabi.platform.payments.internal;

import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.web.BufferedBody;
import dev.miyabi.platform.shared.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses raw card numbers sent to the payment endpoints (400 {@code card_data_refused}) before
 * anything else sees the body: no handler, no JSON parser (whose errors could quote it), no
 * idempotency fingerprint, no log. Clients must send a token from the provider's client-side
 * tokenisation ({@code pm_…}). It runs inside the body-limit filter, so reading stops at the limit.
 * Webhooks are not checked (they are signed by the provider and never carry full numbers).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 15)
class CardDataFilter extends OncePerRequestFilter {

    private static final Pattern PAYMENT_PATHS =
            Pattern.compile("^/api/(orders/[^/]+/payments|payments(/(?!webhooks/).*)?)/?$");

    private final ProblemResponses problems;

    CardDataFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        boolean writes = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        return !writes || !PAYMENT_PATHS.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (IOException unreadable) {
            // The body-limit filter stops a chunked body at the limit with its own exception type.
            boolean tooLarge = unreadable.getClass().getSimpleName().equals("PayloadTooLargeException");
            problems.write(
                    response,
                    ProblemResponses.problem(
                            tooLarge ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST,
                            tooLarge ? ErrorCodes.PAYLOAD_TOO_LARGE : ErrorCodes.MALFORMED_REQUEST,
                            unreadable.getMessage()),
                    request.getRequestURI());
            return;
        }
        // ISO-8859-1 maps every byte to one char, so digits are found whatever the body's encoding.
        if (CardNumbers.containsCardNumber(new String(body, StandardCharsets.ISO_8859_1))
                || (request.getQueryString() != null && CardNumbers.containsCardNumber(request.getQueryString()))) {
            problems.write(
                    response,
                    ProblemResponses.problem(
                            HttpStatus.BAD_REQUEST,
                            ErrorCodes.CARD_DATA_REFUSED,
                            "The request contains what looks like a card number. Card numbers are never accepted"
                                    + " here: send a payment method token from the provider's client-side"
                                    + " tokenisation (pm_…) instead"),
                    request.getRequestURI());
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    /** The request with its body already read. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            return BufferedBody.stream(body);
        }

        @Override
        public BufferedReader getReader() {
            return BufferedBody.reader(body, getCharacterEncoding());
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
