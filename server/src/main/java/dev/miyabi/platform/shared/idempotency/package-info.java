/**
 * The reusable {@code Idempotency-Key} mechanism: annotate a controller method with {@link
 * dev.miyabi.platform.shared.idempotency.Idempotent}; keys, fingerprints and kept responses live in
 * the {@code idempotency_keys} table.
 */
@NullMarked
package dev.miyabi.platform.shared.idempotency;

import org.jspecify.annotations.NullMarked;
