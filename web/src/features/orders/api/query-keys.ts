import type { OrderStatus } from '../types';

/** `userId`: one customer's orders (one's own on "My orders"); absent: every order the caller may see (admins: all). */
export type OrderFilters = { status?: OrderStatus | undefined; userId?: string | undefined; page: number; size: number };

/** The orders and their payment attempts; an order's approval request and AI job live under their own keys (src/api). */
export const orderKeys = {
  all: ['orders'] as const,
  lists: () => [...orderKeys.all, 'list'] as const,
  list: (filters: OrderFilters) => [...orderKeys.lists(), filters] as const,
  detail: (id: string) => [...orderKeys.all, 'detail', id] as const,
  payments: (orderId: string) => [...orderKeys.all, 'payments', orderId] as const,
  refunds: (paymentId: string) => [...orderKeys.all, 'refunds', paymentId] as const,
};
