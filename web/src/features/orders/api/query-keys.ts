import type { OrderStatus } from '../types';

export type OrderFilters = { status?: OrderStatus | undefined; page: number; size: number };

/**
 * Every query of this feature lives under `orders`, including the approval request and the AI job
 * of an order: other features cache those resources in their own shapes under their own keys.
 */
export const orderKeys = {
  all: ['orders'] as const,
  lists: () => [...orderKeys.all, 'list'] as const,
  list: (filters: OrderFilters) => [...orderKeys.lists(), filters] as const,
  detail: (id: string) => [...orderKeys.all, 'detail', id] as const,
  payments: (orderId: string) => [...orderKeys.all, 'payments', orderId] as const,
  approval: (approvalId: string) => [...orderKeys.all, 'approval', approvalId] as const,
  job: (jobId: string) => [...orderKeys.all, 'job', jobId] as const,
};
