import type { QueryClient } from '@tanstack/react-query';
import { writeIntoPages, writeNewer } from '@/lib/versioned-cache';
import type { Order } from '../types';
import { orderKeys } from './query-keys';

/** Writes an order (an answer or an event) into its detail query and every cached list page, unless what is cached is newer. */
export function writeOrder(queryClient: QueryClient, order: Order): void {
  writeNewer(queryClient, orderKeys.detail(order.id), order);
  writeIntoPages(queryClient, orderKeys.lists(), order);
}
