package dev.miyabi.platform.llm.internal;

import dev.miyabi.platform.llm.GeneratedBy;
import dev.miyabi.platform.llm.JobUsage;
import dev.miyabi.platform.llm.LlmCall;
import dev.miyabi.platform.llm.LlmException;
import dev.miyabi.platform.llm.LlmGateway;
import dev.miyabi.platform.llm.LlmMessage;
import dev.miyabi.platform.llm.LlmProvider;
import dev.miyabi.platform.llm.LlmProviderException;
import dev.miyabi.platform.llm.LlmReply;
import dev.miyabi.platform.llm.LlmRequest;
import dev.miyabi.platform.llm.StructuredRequest;
import dev.miyabi.platform.llm.StructuredResult;
import dev.miyabi.platform.llm.TokenUsage;
import dev.miyabi.platform.shared.FieldViolation;
import dev.miyabi.platform.shared.json.JsonSchemas;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway: the chain of providers, retries, structured-output validation and repair, usage
 * accounting and metrics. Logs name tasks, providers and failures, never
 * prompts, answers or keys.
 */
final class DefaultLlmGateway implements LlmGateway {

    private static final Logger log = LoggerFactory.getLogger(DefaultLlmGateway.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_VIOLATIONS_SHOWN = 20;

    static final String STRUCTURED = "structured";

    private final List<LlmProvider> chain;
    private final JsonSchemas schemas;
    private final UsageRecords records;
    private final PriceTable prices;
    private final LlmMetrics metrics;
    private final RetryPolicy retries;
    private final LlmProperties settings;
    private final Clock clock;

    DefaultLlmGateway(
            List<LlmProvider> chain,
            JsonSchemas schemas,
            UsageRecords records,
            LlmMetrics metrics,
            LlmProperties settings,
            Clock clock) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the provider chain is empty");
        }
        this.chain = List.copyOf(chain);
        this.schemas = schemas;
        this.records = records;
        this.prices = new PriceTable(settings.prices());
        this.metrics = metrics;
        this.retries = new RetryPolicy(settings.retry());
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public StructuredResult structured(StructuredRequest request) {
        Tally tally = new Tally();
        String system = PromptTemplate.render(request.system(), request.variables());
        String instructions = schemaInstructions(request);
        List<LlmMessage> opening = List.of(
                LlmMessage.system(system.isBlank() ? instructions : system + "\n\n" + instructions),
                LlmMessage.user(PromptTemplate.render(request.user(), request.variables())));
        List<String> failures = new ArrayList<>();
        List<FieldViolation> violations = List.of();
        LlmException.Kind kind = LlmException.Kind.UNAVAILABLE;
        RuntimeException last = null;
        for (int i = 0; i < chain.size(); i++) {
            LlmProvider provider = chain.get(i);
            try {
                return structuredOn(provider, request, opening, tally);
            } catch (InvalidOutput e) {
                kind = LlmException.Kind.INVALID_OUTPUT;
                violations = e.violations;
                failures.add(provider.name() + ": no valid JSON after " + e.repairs + " repair(s): "
                        + summary(e.violations));
                last = e;
                fallingBack(request, i, "invalid output");
            } catch (LlmProviderException e) {
                interruptedCheck(request, tally, e);
                kind = LlmException.Kind.UNAVAILABLE;
                failures.add(e.getMessage());
                last = e;
                fallingBack(request, i, e.getMessage());
            }
        }
        throw new LlmException(
                kind,
                request.task(),
                "No LLM provider produced valid output for task " + request.task() + ": " + String.join("; ", failures),
                kind == LlmException.Kind.INVALID_OUTPUT ? violations : List.of(),
                tally.usage,
                Objects.requireNonNull(last));
    }

    private StructuredResult structuredOn(
            LlmProvider provider, StructuredRequest request, List<LlmMessage> opening, Tally tally) {
        List<LlmMessage> conversation = new ArrayList<>(opening);
        for (int round = 0; ; round++) {
            LlmCall call = new LlmCall(request, conversation, maxOutputTokens(request));
            LlmReply reply = send(provider, STRUCTURED, request, tally, () -> provider.structured(call));
            Answer answer = parse(reply.text());
            List<FieldViolation> violations = answer.json() == null
                    ? List.of(new FieldViolation("$", "not a JSON document: " + answer.error()))
                    : schemas.validate(request.schema(), answer.json());
            account(provider, STRUCTURED, request, reply, violations.isEmpty() ? "success" : "invalid_output", tally);
            if (violations.isEmpty()) {
                return new StructuredResult(
                        Objects.requireNonNull(answer.json()),
                        tally.usage,
                        tally.cost,
                        new GeneratedBy(provider.name(), reply.model()),
                        tally.attempts,
                        tally.repairs);
            }
            metrics.error(provider.name(), provider.model(), "invalid_output");
            if (round >= settings.maxRepairs()) {
                throw new InvalidOutput(violations, round);
            }
            tally.repairs++;
            metrics.repair(provider.name(), request.task());
            log.info(
                    "LLM task {}: the {} answer is not valid against schema {} ({} problem(s)); asking for a repair",
                    request.task(),
                    provider.name(),
                    request.schemaName(),
                    violations.size());
            conversation.add(LlmMessage.assistant(reply.text()));
            conversation.add(LlmMessage.user(repairPrompt(request, violations, reply.truncated())));
        }
    }

    private LlmReply send(
            LlmProvider provider, String operation, LlmRequest request, Tally tally, Supplier<LlmReply> call) {
        return retries.execute(
                provider.name(),
                () -> {
                    if (Thread.currentThread().isInterrupted()) {
                        throw interrupted(request, tally, null);
                    }
                    tally.attempts++;
                    long start = System.nanoTime();
                    try {
                        LlmReply reply = call.get();
                        metrics.request(
                                provider.name(), provider.model(), operation, request.task(), "success", since(start));
                        return reply;
                    } catch (LlmProviderException e) {
                        String outcome = e.reason().name().toLowerCase(Locale.ROOT);
                        metrics.request(
                                provider.name(), provider.model(), operation, request.task(), outcome, since(start));
                        metrics.error(provider.name(), provider.model(), outcome);
                        throw e;
                    } catch (CancellationException e) {
                        throw interrupted(request, tally, e);
                    }
                },
                (failure, attempt, wait) -> {
                    metrics.retry(provider.name(), failure.reason().name().toLowerCase(Locale.ROOT));
                    log.info(
                            "LLM task {}: {} failed ({}); attempt {} in {} ms{}",
                            request.task(),
                            provider.name(),
                            failure.getMessage(),
                            attempt,
                            wait.toMillis(),
                            failure.retryAfter() != null ? " as Retry-After asks" : "");
                });
    }

    private void account(
            LlmProvider provider, String operation, LlmRequest request, LlmReply reply, String outcome, Tally tally) {
        BigDecimal cost = prices.cost(provider.name(), reply.model(), reply.usage());
        tally.usage = tally.usage.plus(reply.usage());
        tally.cost = tally.cost.add(cost);
        metrics.usage(provider.name(), provider.model(), request.task(), reply.usage(), cost);
        records.record(new UsageRecord(
                request.userId(),
                request.jobId(),
                request.task(),
                operation,
                provider.name(),
                reply.model(),
                reply.usage(),
                cost,
                outcome,
                clock.instant()));
    }

    private void fallingBack(LlmRequest request, int failedIndex, String why) {
        if (failedIndex + 1 < chain.size()) {
            String from = chain.get(failedIndex).name();
            String to = chain.get(failedIndex + 1).name();
            metrics.fallback(from, to);
            log.warn("LLM task {}: {} failed for good ({}); falling back to {}", request.task(), from, why, to);
        }
    }

    private void interruptedCheck(LlmRequest request, Tally tally, LlmProviderException failure) {
        if (Thread.currentThread().isInterrupted()) {
            throw interrupted(request, tally, failure);
        }
    }

    private static LlmException interrupted(LlmRequest request, Tally tally, @Nullable Throwable cause) {
        return new LlmException(
                LlmException.Kind.INTERRUPTED,
                request.task(),
                "LLM task " + request.task() + " was interrupted",
                List.of(),
                tally.usage,
                cause == null ? new CancellationException("interrupted") : cause);
    }

    private int maxOutputTokens(LlmRequest request) {
        return request.maxOutputTokens() > 0 ? request.maxOutputTokens() : settings.maxOutputTokens();
    }

    static String schemaInstructions(StructuredRequest request) {
        return "Answer with one JSON document and nothing else (no prose, no Markdown code fences). It must be valid"
                + " against this JSON Schema, named " + request.schemaName() + ":\n" + request.schema();
    }

    static String repairPrompt(StructuredRequest request, List<FieldViolation> violations, boolean truncated) {
        StringBuilder prompt = new StringBuilder("Your previous answer is not valid against the JSON Schema ")
                .append(request.schemaName())
                .append(":\n");
        violations.stream()
                .limit(MAX_VIOLATIONS_SHOWN)
                .forEach(violation -> prompt.append("- ")
                        .append(violation.field())
                        .append(": ")
                        .append(violation.message())
                        .append('\n'));
        if (violations.size() > MAX_VIOLATIONS_SHOWN) {
            prompt.append("- and ")
                    .append(violations.size() - MAX_VIOLATIONS_SHOWN)
                    .append(" more\n");
        }
        if (truncated) {
            prompt.append("The answer was cut off at the output token limit: keep the text shorter.\n");
        }
        return prompt.append("Answer again with the complete, corrected JSON document only.")
                .toString();
    }

    private static String summary(List<FieldViolation> violations) {
        return violations.stream()
                        .limit(5)
                        .map(violation -> violation.field() + ": " + violation.message())
                        .collect(Collectors.joining(", "))
                + (violations.size() > 5 ? ", …" : "");
    }

    /** The answer as JSON: tolerant of Markdown fences and of prose around one document. */
    static Answer parse(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("```")) {
            int firstLineEnd = trimmed.indexOf('\n');
            int closing = trimmed.lastIndexOf("```");
            if (firstLineEnd > 0 && closing > firstLineEnd) {
                trimmed = trimmed.substring(firstLineEnd + 1, closing).strip();
            }
        }
        if (trimmed.isEmpty()) {
            return new Answer(null, "the answer is empty");
        }
        try {
            return new Answer(JSON.readTree(trimmed), "");
        } catch (JacksonException e) {
            int start = trimmed.indexOf('{');
            int end = trimmed.lastIndexOf('}');
            if (start > 0 && end > start) {
                try {
                    return new Answer(JSON.readTree(trimmed.substring(start, end + 1)), "");
                } catch (JacksonException ignored) {
                    // Report the error of the whole answer, which is what the model needs to fix.
                }
            }
            return new Answer(null, e.getOriginalMessage());
        }
    }

    record Answer(@Nullable JsonNode json, String error) {}

    @Override
    public JobUsage jobUsage(UUID jobId) {
        return records.forJob(jobId);
    }

    @Override
    public List<GeneratedBy> chain() {
        return chain.stream()
                .map(provider -> new GeneratedBy(provider.name(), provider.model()))
                .toList();
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** What one gateway call has spent so far, across attempts, repairs and providers. */
    private static final class Tally {
        int attempts;
        int repairs;
        TokenUsage usage = TokenUsage.ZERO;
        BigDecimal cost = BigDecimal.ZERO.setScale(6);
    }

    /** A provider kept answering with invalid JSON. */
    private static final class InvalidOutput extends RuntimeException {
        private final transient List<FieldViolation> violations;
        private final int repairs;

        InvalidOutput(List<FieldViolation> violations, int repairs) {
            super("invalid output after " + repairs + " repair(s): " + summary(violations));
            this.violations = violations;
            this.repairs = repairs;
        }
    }
}
