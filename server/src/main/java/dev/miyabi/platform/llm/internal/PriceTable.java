package dev.miyabi.platform.llm.internal;

import dev.miyabi.platform.llm.TokenUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Estimated cost of a call from a per-model price list (USD per million tokens). A model matches
 * the longest configured name it starts with, so dated snapshots ({@code
 * claude-sonnet-4-5-20250929}) use their family's price. The offline provider costs nothing; an
 * unknown model costs 0 and is logged once.
 */
final class PriceTable {

    private static final Logger log = LoggerFactory.getLogger(PriceTable.class);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final List<Map.Entry<String, LlmProperties.Price>> prices;
    private final Set<String> unknownModelsLogged = ConcurrentHashMap.newKeySet();

    PriceTable(Map<String, LlmProperties.Price> prices) {
        this.prices = prices.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, LlmProperties.Price> entry) ->
                                entry.getKey().length())
                        .reversed())
                .toList();
    }

    BigDecimal cost(String provider, String model, TokenUsage usage) {
        if (OfflineProvider.NAME.equals(provider)) {
            return BigDecimal.ZERO.setScale(6);
        }
        Optional<LlmProperties.Price> price = priceOf(model);
        if (price.isEmpty()) {
            if (unknownModelsLogged.add(model)) {
                log.warn("No price configured for LLM model {} (miyabi.llm.prices); its cost is counted as 0", model);
            }
            return BigDecimal.ZERO.setScale(6);
        }
        return price.get()
                .input()
                .multiply(BigDecimal.valueOf(usage.input()))
                .add(price.get().output().multiply(BigDecimal.valueOf(usage.output())))
                .divide(MILLION, 6, RoundingMode.HALF_UP);
    }

    Optional<LlmProperties.Price> priceOf(String model) {
        return prices.stream()
                .filter(entry -> model.startsWith(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
