import { replaceEqualDeep, type QueryClient, type QueryKey } from '@tanstack/react-query';
import type { Page } from '@/lib/page';

/**
 * A server resource whose `version` grows with every change. Answers and WebSocket events about one
 * resource arrive in any order — an event overtakes the answer to a read, a reconnect replays events —
 * so the cache keeps whichever snapshot is newer and a page never moves backwards.
 */
export type Versioned = { id: string; version: number };

/** Whether `next` may replace `cached`: it is not older (the same version is the same state). */
export function isNotOlder(cached: { version: number } | undefined, next: { version: number }): boolean {
  return cached === undefined || next.version >= cached.version;
}

function versionOf(value: unknown): number | undefined {
  return typeof value === 'object' && value !== null && 'version' in value && typeof value.version === 'number'
    ? value.version
    : undefined;
}

/**
 * `structuralSharing` for a versioned resource's query: an answer older than the cached snapshot (an
 * event wrote a newer one while the read was on its way) does not replace it. Otherwise the default
 * structural sharing, so unchanged parts keep their identity.
 */
export function keepNewer(cached: unknown, fetched: unknown): unknown {
  const before = versionOf(cached);
  const after = versionOf(fetched);
  return before !== undefined && after !== undefined && before > after ? cached : replaceEqualDeep(cached, fetched);
}

/** Writes a snapshot (an answer or an event) into its own query, unless the cached one is newer. */
export function writeNewer<T extends { version: number }>(queryClient: QueryClient, key: QueryKey, next: T): void {
  queryClient.setQueryData<T>(key, (cached) => (isNotOlder(cached, next) ? next : cached));
}

/**
 * Replaces the resource in every cached list page under `listsKey` that shows it, unless the page's
 * copy is newer. Returns whether any cached page shows it (if none does, a list may need reading again).
 */
export function writeIntoPages<T extends Versioned>(queryClient: QueryClient, listsKey: QueryKey, next: T): boolean {
  let listed = false;
  queryClient.setQueriesData<Page<T>>({ queryKey: listsKey }, (page) => {
    const cached = page?.items.find((item) => item.id === next.id);
    if (!page || !cached) {
      return page;
    }
    listed = true;
    return isNotOlder(cached, next) ? { ...page, items: page.items.map((item) => (item.id === next.id ? next : item)) } : page;
  });
  return listed;
}
