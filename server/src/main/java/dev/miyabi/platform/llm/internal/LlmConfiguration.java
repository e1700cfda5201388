package dev.miyabi.platform.llm.internal;

import dev.miyabi.platform.llm.LlmGateway;
import dev.miyabi.platform.llm.LlmProvider;
import dev.miyabi.platform.llm.OfflineResponder;
import dev.miyabi.platform.shared.json.JsonSchemas;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the provider chain from {@code miyabi.llm.*} and the gateway around it. */
@Configuration(proxyBeanMethods = false)
class LlmConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LlmConfiguration.class);

    @Bean
    LlmGateway llmGateway(
            LlmProperties settings,
            ObjectProvider<OfflineResponder> responders,
            JsonSchemas schemas,
            JdbcUsageRecords records,
            MeterRegistry meters,
            Clock clock) {
        List<LlmProvider> chain = providers(
                settings, new OfflineProvider(responders.orderedStream().toList()), clock);
        log.info(
                "LLM providers, in fallback order: {}",
                chain.stream()
                        .map(provider -> provider.name() + " (" + provider.model() + ")")
                        .collect(Collectors.joining(" → ")));
        return new DefaultLlmGateway(chain, schemas, records, new LlmMetrics(meters), settings, clock);
    }

    /** The providers of the configured chain, in order. */
    static List<LlmProvider> providers(LlmProperties settings, OfflineProvider offline, Clock clock) {
        return ProviderChain.resolve(settings).stream()
                .map(name -> switch (name) {
                    case AnthropicProvider.NAME ->
                        (LlmProvider) AnthropicProvider.create(settings.anthropic(), settings.timeouts(), clock);
                    case OpenAiProvider.NAME -> OpenAiProvider.create(settings.openai(), settings.timeouts(), clock);
                    default -> offline;
                })
                .toList();
    }
}
