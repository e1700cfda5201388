package dev.miyabi.platform.search.internal;

import org.jspecify.annotations.Nullable;

/** A chunk with its vector, once an indexing job embedded it. */
record IndexedChunk(Chunk chunk, float @Nullable [] embedding) {}
