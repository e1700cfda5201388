import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { keepNewer } from '@/lib/versioned-cache';
import { orderSchema, type Order } from '../types';
import { orderKeys } from './query-keys';

export function getOrder(id: string, signal?: AbortSignal): Promise<Order> {
  return api.get(`/api/orders/${encodeURIComponent(id)}`, { schema: orderSchema, ...(signal ? { signal } : {}) });
}

export function getOrderQueryOptions(id: string) {
  return queryOptions({
    queryKey: orderKeys.detail(id),
    queryFn: ({ signal }) => getOrder(id, signal),
    structuralSharing: keepNewer,
  });
}

export function useOrder(id: string) {
  return useQuery(getOrderQueryOptions(id));
}
