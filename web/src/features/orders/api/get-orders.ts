import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { pageSchema, type Page } from '@/lib/page';
import { orderSchema, type Order } from '../types';
import { orderKeys, type OrderFilters } from './query-keys';

const ordersPageSchema = pageSchema(orderSchema);

/** Orders, newest first (GET /api/orders): one's own; admins see everyone's unless `userId` names one customer. */
export function getOrders(filters: OrderFilters, signal?: AbortSignal): Promise<Page<Order>> {
  return api.get('/api/orders', {
    query: { status: filters.status, userId: filters.userId, page: filters.page, size: filters.size, sort: 'createdAt,desc' },
    schema: ordersPageSchema,
    ...(signal ? { signal } : {}),
  });
}

export function getOrdersQueryOptions(filters: OrderFilters) {
  return queryOptions({
    queryKey: orderKeys.list(filters),
    queryFn: ({ signal }) => getOrders(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOrders(filters: OrderFilters, enabled = true) {
  return useQuery({ ...getOrdersQueryOptions(filters), enabled });
}
