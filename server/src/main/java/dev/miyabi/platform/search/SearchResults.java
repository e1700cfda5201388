package dev.miyabi.platform.search;

import java.util.List;

/** The answer of {@code GET /api/search}: the results, best first, and how long the search took. */
public record SearchResults(List<SearchResult> results, long tookMs) {}
