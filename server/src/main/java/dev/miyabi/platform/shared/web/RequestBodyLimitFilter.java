package dev.miyabi.platform.shared.web;

import dev.miyabi.platform.shared.ErrorCodes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit (1 MiB by default) with 413 {@code payload_too_large}:
 * at once when {@code Content-Length} says so, or as soon as a chunked body passes the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final HttpLimits limits;
    private final ProblemResponses problems;

    RequestBodyLimitFilter(HttpLimits limits, ProblemResponses problems) {
        this.limits = limits;
        this.problems = problems;
    }

    /** A request without a body (no length, not chunked: every GET in practice) has nothing to limit. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long max = limits.limitFor(request.getRequestURI()).toBytes();
        if (request.getContentLengthLong() > max) {
            // Do not read the body; closing the connection stops the client from sending the rest.
            response.setHeader("Connection", "close");
            problems.write(response, tooLarge(max), request.getRequestURI());
            return;
        }
        chain.doFilter(new LimitedRequest(request, max), response);
    }

    private static org.springframework.http.ProblemDetail tooLarge(long max) {
        return ProblemResponses.problem(
                HttpStatus.CONTENT_TOO_LARGE,
                ErrorCodes.PAYLOAD_TOO_LARGE,
                "The request body is larger than the limit of " + max + " bytes");
    }

    /**
     * @param maxBodySize the limit of every request body
     * @param bodySizeOverrides larger limits for exact paths (e.g. the file upload of the search library)
     */
    @ConfigurationProperties("miyabi.http")
    record HttpLimits(DataSize maxBodySize, java.util.Map<String, DataSize> bodySizeOverrides) {
        HttpLimits {
            if (maxBodySize == null) {
                maxBodySize = DataSize.ofMegabytes(1);
            }
            bodySizeOverrides =
                    bodySizeOverrides == null ? java.util.Map.of() : java.util.Map.copyOf(bodySizeOverrides);
        }

        DataSize limitFor(String path) {
            return bodySizeOverrides.getOrDefault(path, maxBodySize);
        }
    }

    /** Thrown while reading a body that turned out larger than its limit. */
    static final class PayloadTooLargeException extends IOException {
        PayloadTooLargeException(long max) {
            super("The request body is larger than the limit of " + max + " bytes");
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), max);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long max;
        private long count;

        LimitedStream(ServletInputStream delegate, long max) {
            this.delegate = delegate;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            count += n;
            if (count > max) {
                throw new PayloadTooLargeException(max);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
