package dev.miyabi.platform.llm.internal;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.miyabi.platform.llm.LlmCall;
import dev.miyabi.platform.llm.LlmGateway;
import dev.miyabi.platform.llm.LlmMessage;
import dev.miyabi.platform.llm.LlmProvider;
import dev.miyabi.platform.llm.LlmProviderException;
import dev.miyabi.platform.llm.LlmProviderException.Reason;
import dev.miyabi.platform.llm.LlmReply;
import dev.miyabi.platform.llm.StructuredRequest;
import dev.miyabi.platform.llm.TokenUsage;
import dev.miyabi.platform.llm.internal.LlmProperties.StructuredOutput;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A provider backed by LangChain4j chat models. LangChain4j's own retries are switched off (they
 * ignore {@code Retry-After}); failures are classified into {@link LlmProviderException}s for the
 * gateway's retry policy.
 */
abstract class LangChain4jProvider implements LlmProvider {

    private final String name;
    private final String model;
    private final ChatModel chatModel;
    private final StructuredOutput structuredOutput;

    LangChain4jProvider(String name, String model, ChatModel chatModel, StructuredOutput structuredOutput) {
        this.name = name;
        this.model = model;
        this.chatModel = chatModel;
        this.structuredOutput = structuredOutput;
    }

    /** The schema as this server's structured-output mode accepts it. */
    abstract JsonNode providerSchema(JsonNode schema);

    @Override
    public String name() {
        return name;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public LlmReply structured(LlmCall call) {
        StructuredRequest structured = call.request();
        ResponseFormat format = structuredOutput == StructuredOutput.NATIVE
                ? ResponseFormat.builder()
                        .type(ResponseFormatType.JSON)
                        .jsonSchema(JsonSchema.builder()
                                .name(structured.schemaName())
                                .rootElement(JsonRawSchema.from(
                                        providerSchema(structured.schema()).toString()))
                                .build())
                        .build()
                : null;
        return complete(call, request(call, format));
    }

    private LlmReply complete(LlmCall call, ChatRequest request) {
        try {
            return reply(chatModel.chat(request), call);
        } catch (RuntimeException e) {
            throw classify(e);
        }
    }

    private LlmReply reply(ChatResponse response, LlmCall call) {
        String text = response.aiMessage() == null || response.aiMessage().text() == null
                ? ""
                : response.aiMessage().text();
        dev.langchain4j.model.output.TokenUsage usage = response.tokenUsage();
        TokenUsage tokens;
        if (usage != null && usage.inputTokenCount() != null && usage.outputTokenCount() != null) {
            tokens = new TokenUsage(usage.inputTokenCount(), usage.outputTokenCount());
        } else {
            // Some OpenAI-compatible servers omit usage: estimate rather than count 0.
            long input = call.messages().stream()
                    .mapToLong(message -> LlmGateway.estimateTokens(message.text()))
                    .sum();
            tokens = new TokenUsage(input, LlmGateway.estimateTokens(text));
        }
        String served = response.modelName() == null || response.modelName().isBlank() ? model : response.modelName();
        return new LlmReply(text, tokens, served, response.finishReason() == FinishReason.LENGTH);
    }

    private ChatRequest request(LlmCall call, @Nullable ResponseFormat format) {
        List<ChatMessage> messages = new ArrayList<>();
        for (LlmMessage message : call.messages()) {
            switch (message.role()) {
                case SYSTEM -> {
                    if (!message.text().isBlank()) {
                        messages.add(SystemMessage.from(message.text()));
                    }
                }
                case USER -> messages.add(UserMessage.from(message.text()));
                case ASSISTANT -> messages.add(AiMessage.from(message.text()));
            }
        }
        ChatRequest.Builder builder =
                ChatRequest.builder().messages(messages).modelName(model).maxOutputTokens(call.maxOutputTokens());
        if (format != null) {
            builder.responseFormat(format);
        }
        return builder.build();
    }

    /** What the gateway needs to know about a failure: may a retry help, and after how long. */
    RuntimeException classify(Throwable error) {
        if (error instanceof LlmProviderException known) {
            return known;
        }
        if (error instanceof CancellationException cancelled) {
            return cancelled;
        }
        ProviderHttpException http = cause(error, ProviderHttpException.class);
        if (http != null) {
            int status = http.statusCode();
            Reason reason = status == 429
                    ? Reason.RATE_LIMITED
                    : status == 408 ? Reason.TIMEOUT : status >= 500 ? Reason.SERVER_ERROR : Reason.REJECTED;
            return new LlmProviderException(
                    name, reason, status, http.retryAfter(), name + ": " + http.getMessage(), error);
        }
        if (cause(error, dev.langchain4j.exception.TimeoutException.class) != null
                || cause(error, HttpTimeoutException.class) != null) {
            return new LlmProviderException(name, Reason.TIMEOUT, 0, null, name + ": timed out", error);
        }
        if (cause(error, IOException.class) != null
                || cause(error, dev.langchain4j.exception.UnresolvedModelServerException.class) != null) {
            return new LlmProviderException(
                    name, Reason.NETWORK, 0, null, name + ": network error: " + rootMessage(error), error);
        }
        if (error instanceof UnsupportedFeatureException || error instanceof IllegalArgumentException) {
            return new LlmProviderException(name, Reason.REJECTED, 0, null, name + ": " + error.getMessage(), error);
        }
        return new LlmProviderException(
                name, Reason.BAD_RESPONSE, 0, null, name + ": unusable answer: " + rootMessage(error), error);
    }

    private static <T extends Throwable> @Nullable T cause(Throwable error, Class<T> type) {
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
