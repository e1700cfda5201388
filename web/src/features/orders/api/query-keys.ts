import type { OrderStatus } from '../types';

export type OrderFilters = { status?: OrderStatus | undefined; page: number; size: number };

/** The orders and their payment attempts; an order's approval request and AI job live under their own keys (src/api). */
export const orderKeys = {
  all: ['orders'] as const,
  lists: () => [...orderKeys.all, 'list'] as const,
  list: (filters: OrderFilters) => [...orderKeys.lists(), filters] as const,
  detail: (id: string) => [...orderKeys.all, 'detail', id] as const,
  payments: (orderId: string) => [...orderKeys.all, 'payments', orderId] as const,
};
