package dev.miyabi.platform.llm.internal;

import dev.miyabi.platform.llm.GeneratedBy;
import dev.miyabi.platform.llm.LlmCall;
import dev.miyabi.platform.llm.LlmGateway;
import dev.miyabi.platform.llm.LlmMessage;
import dev.miyabi.platform.llm.LlmProvider;
import dev.miyabi.platform.llm.LlmReply;
import dev.miyabi.platform.llm.LlmRequest;
import dev.miyabi.platform.llm.OfflineResponder;
import dev.miyabi.platform.llm.StructuredRequest;
import dev.miyabi.platform.llm.TokenUsage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider that needs no network and no key: deterministic output shaped by the request. A
 * structured task is answered by the first {@link OfflineResponder} that supports it, else by a
 * document built from the schema ({@link SchemaSampler}); chat and streaming answer with text built
 * from the prompt, streamed a few words at a time. Token counts are estimates; the cost is zero.
 */
final class OfflineProvider implements LlmProvider {

    static final String NAME = "offline";
    static final String MODEL = "miyabi-offline-1";
    static final GeneratedBy GENERATED_BY = new GeneratedBy(NAME, MODEL);

    private static final Pattern CHUNK = Pattern.compile("\\S+\\s*|\\s+");
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final List<OfflineResponder> responders;

    OfflineProvider(List<OfflineResponder> responders) {
        this.responders = List.copyOf(responders);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public LlmReply chat(LlmCall call) {
        return reply(call, new OfflineText(call.request()).answer(call.messages()));
    }

    @Override
    public LlmReply structured(LlmCall call) {
        StructuredRequest request = Objects.requireNonNull(call.structured(), "a structured call");
        JsonNode document = responders.stream()
                .filter(responder -> responder.supports(request.task()))
                .findFirst()
                .map(responder -> Objects.requireNonNull(
                        responder.respond(request), () -> responder.getClass().getName() + " answered null"))
                .orElseGet(() -> new SchemaSampler(request.schema(), request, seed(request)).sample());
        return reply(call, document.toString());
    }

    @Override
    public LlmReply stream(LlmCall call, Consumer<String> onChunk) {
        String text = new OfflineText(call.request()).answer(call.messages());
        Matcher words = CHUNK.matcher(text);
        StringBuilder chunk = new StringBuilder();
        int inChunk = 0;
        while (words.find()) {
            chunk.append(words.group());
            if (++inChunk == 3) {
                onChunk.accept(chunk.toString());
                chunk.setLength(0);
                inChunk = 0;
            }
        }
        if (!chunk.isEmpty()) {
            onChunk.accept(chunk.toString());
        }
        return reply(call, text);
    }

    private static LlmReply reply(LlmCall call, String text) {
        long input = 0;
        for (LlmMessage message : call.messages()) {
            input += LlmGateway.estimateTokens(message.text());
        }
        return new LlmReply(text, new TokenUsage(input, LlmGateway.estimateTokens(text)), MODEL, false);
    }

    /** A stable 64-bit digest of everything the answer may depend on. */
    static long seed(LlmRequest request) {
        List<Object> parts = new ArrayList<>();
        parts.add(request.task());
        parts.add(request.system());
        parts.add(request.user());
        parts.add(request.variables());
        if (request instanceof StructuredRequest structured) {
            parts.add(structured.schemaName());
            parts.add(structured.schema().toString());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(CANONICAL.writeValueAsString(parts).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
