/**
 * A fresh Idempotency-Key (a random UUID). `crypto.randomUUID` exists only in secure contexts, so
 * plain-HTTP deployments get the same from `getRandomValues`.
 */
export function newIdempotencyKey(): string {
  if (typeof globalThis.crypto?.randomUUID === 'function') {
    return globalThis.crypto.randomUUID();
  }
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One key per attempt: the same key while an attempt has had no answer (a network failure, a
 * double click), so the server runs it once; a new key as soon as the server answered, so the next
 * attempt is a new request and not a replay of the previous answer.
 */
export function createAttemptKeys() {
  let current: { key: string; body: string } | null = null;
  return {
    /** The key for sending `body` now. */
    keyFor(body: unknown): string {
      const text = JSON.stringify(body);
      if (current === null || current.body !== text) {
        current = { key: newIdempotencyKey(), body: text };
      }
      return current.key;
    },
    /** The server answered: the next attempt gets a new key. */
    answered(): void {
      current = null;
    },
  };
}
