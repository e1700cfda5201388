package dev.miyabi.platform.llm.internal;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * LangChain4j's HTTP port on the JDK client, with what the stock one lacks: non-2xx answers keep
 * their {@code Retry-After} ({@link ProviderHttpException}), the request timeout covers the whole
 * answer (not only its headers), and an interrupted caller aborts the exchange.
 */
final class ProviderHttpClient implements HttpClient {

    private final java.net.http.HttpClient http;
    private final Duration readTimeout;
    private final Clock clock;

    private ProviderHttpClient(Builder builder) {
        this.http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(builder.connectTimeout)
                // Plain-HTTP servers (Ollama, llama.cpp, test servers) get HTTP/1.1 without an h2c upgrade.
                .version(
                        builder.http2
                                ? java.net.http.HttpClient.Version.HTTP_2
                                : java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        this.readTimeout = builder.readTimeout;
        this.clock = builder.clock;
    }

    static Builder builder(Clock clock, boolean http2, LlmProperties.Timeouts timeouts) {
        return new Builder(clock, http2, timeouts);
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> exchange =
                http.sendAsync(toJdkRequest(request), BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            response = exchange.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            exchange.cancel(true);
            throw new TimeoutException(new HttpTimeoutException("no complete answer within " + readTimeout));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the model");
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
        if (!successful(response.statusCode())) {
            throw failure(response, new String(response.body(), StandardCharsets.UTF_8));
        }
        return SuccessfulHttpResponse.builder()
                .statusCode(response.statusCode())
                .headers(response.headers().map())
                .body(response.body())
                .build();
    }

    /** Nothing streams: the gateway asks for whole answers only. */
    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        throw new UnsupportedOperationException("streaming answers are not used");
    }

    private ProviderHttpException failure(HttpResponse<?> response, String body) {
        @Nullable
        Duration retryAfter = RetryAfter.from(response.headers().map(), clock).orElse(null);
        return new ProviderHttpException(response.statusCode(), body, retryAfter);
    }

    private java.net.http.HttpRequest toJdkRequest(HttpRequest request) {
        java.net.http.HttpRequest.Builder builder =
                java.net.http.HttpRequest.newBuilder(URI.create(request.url())).timeout(readTimeout);
        request.headers().forEach((name, values) -> {
            if (values != null) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            throw new UnsupportedOperationException("multipart requests are not used by the LLM module");
        }
        builder.method(
                request.method().name(),
                request.body() == null
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        return builder.build();
    }

    private static RuntimeException unwrap(Throwable error) {
        if (error instanceof HttpTimeoutException timeout) {
            return new TimeoutException(timeout);
        }
        if (error instanceof IOException io) {
            return new UncheckedIOException(io);
        }
        if (error instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException(error);
    }

    private static boolean successful(int status) {
        return status >= 200 && status < 300;
    }

    /**
     * Keeps the module's timeouts: LangChain4j's model builders set their own defaults on the HTTP client
     * builder (the OpenAI one 15 s to connect and 60 s to read, whatever was configured), so those calls
     * change nothing.
     */
    static final class Builder implements HttpClientBuilder {

        private final Clock clock;
        private final boolean http2;
        private final Duration connectTimeout;
        private final Duration readTimeout;

        private Builder(Clock clock, boolean http2, LlmProperties.Timeouts timeouts) {
            this.clock = clock;
            this.http2 = http2;
            this.connectTimeout = timeouts.connect();
            this.readTimeout = timeouts.request();
        }

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            return this;
        }

        @Override
        public HttpClient build() {
            return new ProviderHttpClient(this);
        }
    }
}
