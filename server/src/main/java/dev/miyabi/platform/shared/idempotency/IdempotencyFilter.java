package dev.miyabi.platform.shared.idempotency;

import dev.miyabi.platform.shared.web.BufferedBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Makes a request that carries an {@code Idempotency-Key} replayable: its body can be read twice
 * (once for the fingerprint, once by the handler) and its response is buffered so it can be kept.
 * Requests without the header pass untouched. It runs inside the body-limit filter, so reading the
 * body still stops at the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(new CachedBodyRequest(request), buffered);
        } finally {
            ActiveClaim.unbind();
            buffered.copyBodyToResponse();
        }
    }

    /** A request whose body is read once, on first use, and then served from memory. */
    static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private byte @Nullable [] body;

        CachedBodyRequest(HttpServletRequest request) {
            super(request);
        }

        byte[] body() throws IOException {
            if (body == null) {
                body = super.getInputStream().readAllBytes();
            }
            return body;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            return BufferedBody.stream(body());
        }

        @Override
        public BufferedReader getReader() throws IOException {
            return BufferedBody.reader(body(), getCharacterEncoding());
        }
    }
}
