package dev.miyabi.platform.llm.internal;

import dev.miyabi.platform.llm.GeneratedBy;
import dev.miyabi.platform.llm.LlmCall;
import dev.miyabi.platform.llm.LlmGateway;
import dev.miyabi.platform.llm.LlmMessage;
import dev.miyabi.platform.llm.LlmProvider;
import dev.miyabi.platform.llm.LlmProviderException;
import dev.miyabi.platform.llm.LlmReply;
import dev.miyabi.platform.llm.OfflineResponder;
import dev.miyabi.platform.llm.StructuredRequest;
import dev.miyabi.platform.llm.TokenUsage;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The provider that needs no network and no key: a structured task is answered by the first {@link
 * OfflineResponder} that supports it (every task the product sends has one); a task without a
 * responder is refused. Token counts are estimates; the cost is zero.
 */
final class OfflineProvider implements LlmProvider {

    static final String NAME = "offline";
    static final String MODEL = "miyabi-offline-1";
    static final GeneratedBy GENERATED_BY = new GeneratedBy(NAME, MODEL);

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
    public LlmReply structured(LlmCall call) {
        StructuredRequest request = call.request();
        OfflineResponder responder = responders.stream()
                .filter(candidate -> candidate.supports(request.task()))
                .findFirst()
                .orElseThrow(() -> new LlmProviderException(
                        NAME,
                        LlmProviderException.Reason.REJECTED,
                        0,
                        null,
                        NAME + ": no offline responder for task " + request.task(),
                        null));
        JsonNode document = Objects.requireNonNull(
                responder.respond(request), () -> responder.getClass().getName() + " answered null");
        String text = document.toString();
        long input = 0;
        for (LlmMessage message : call.messages()) {
            input += LlmGateway.estimateTokens(message.text());
        }
        return new LlmReply(text, new TokenUsage(input, LlmGateway.estimateTokens(text)), MODEL, false);
    }
}
