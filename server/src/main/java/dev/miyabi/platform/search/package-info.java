/**
 * Search: the ContentSearchAgent (203). Products, generated courses and documents, and customers' uploads
 * are cut into chunks ({@code search_chunks}, the source of truth, with all-MiniLM-L6-v2 vectors from
 * indexing jobs on the AI job queue) and searched in each instance's in-process Lucene index (BM25 + HNSW,
 * fused by reciprocal rank, visibility inside the query), kept current from the event log. A paid search
 * plan ({@code search_access}, granted for search-service orders) unlocks the private library and answers
 * with citations.
 */
@ApplicationModule(
        displayName = "Search",
        allowedDependencies = {"shared", "identity", "agents", "aijobs", "catalog", "generation", "llm", "realtime"})
@NullMarked
package dev.miyabi.platform.search;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
