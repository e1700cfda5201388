import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { approvalSchema, type Approval } from '../types';
import { keepNewest } from './order-cache';
import { orderKeys } from './query-keys';

/** The approval request of an order; its requester may read it (GET /api/approvals/{id}). */
export function getApproval(id: string, signal?: AbortSignal): Promise<Approval> {
  return api.get(`/api/approvals/${encodeURIComponent(id)}`, { schema: approvalSchema, ...(signal ? { signal } : {}) });
}

export function useApproval(id: string | null) {
  return useQuery(
    queryOptions({
      queryKey: orderKeys.approval(id ?? ''),
      queryFn: ({ signal }) => getApproval(id ?? '', signal),
      enabled: id !== null,
      structuralSharing: keepNewest,
    }),
  );
}
