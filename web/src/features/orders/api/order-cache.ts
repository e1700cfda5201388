import type { QueryClient } from '@tanstack/react-query';
import type { Page } from '@/lib/page';
import type { Order } from '../types';
import { orderKeys } from './query-keys';

/** Whether `next` is at least as new as what is cached: replayed or late events never roll a page back. */
function isNewer<T extends { version?: number | undefined }>(cached: T | undefined, next: T): boolean {
  return cached?.version === undefined || next.version === undefined || next.version >= cached.version;
}

/** Writes an order (a response or an event) into its detail query and into every cached list page. */
export function writeOrder(queryClient: QueryClient, order: Order): void {
  queryClient.setQueryData<Order>(orderKeys.detail(order.id), (cached) => (isNewer(cached, order) ? order : cached));
  queryClient.setQueriesData<Page<Order>>({ queryKey: orderKeys.lists() }, (page) =>
    page
      ? {
          ...page,
          items: page.items.map((item) => (item.id === order.id && isNewer(item, order) ? order : item)),
        }
      : page,
  );
}

/** The same for any resource cached under one key (the order's approval request or AI job). */
export function writeIfNewer<T extends { version?: number | undefined }>(
  queryClient: QueryClient,
  key: readonly unknown[],
  next: T,
): void {
  queryClient.setQueryData<T>(key, (cached) => (isNewer(cached, next) ? next : cached));
}

/**
 * `structuralSharing` for a resource query: a fetch that was answered before an event arrived must
 * not replace the newer version that the event already wrote.
 */
export function keepNewest(cached: unknown, fetched: unknown): unknown {
  const version = (value: unknown) =>
    typeof value === 'object' && value !== null && 'version' in value && typeof value.version === 'number'
      ? value.version
      : undefined;
  const before = version(cached);
  const after = version(fetched);
  return before !== undefined && after !== undefined && before > after ? cached : fetched;
}
