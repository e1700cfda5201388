import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { pageSchema, type Page } from '@/lib/page';
import { paymentSchema, type Payment } from '../types';
import { orderKeys } from './query-keys';

const paymentsPageSchema = pageSchema(paymentSchema);

/** The payment attempts of an order, newest first. */
export function getOrderPayments(orderId: string, signal?: AbortSignal): Promise<Page<Payment>> {
  return api.get(`/api/orders/${encodeURIComponent(orderId)}/payments`, {
    query: { page: 0, size: 20, sort: 'createdAt,desc' },
    schema: paymentsPageSchema,
    ...(signal ? { signal } : {}),
  });
}

export function useOrderPayments(orderId: string, enabled: boolean) {
  return useQuery(
    queryOptions({
      queryKey: orderKeys.payments(orderId),
      queryFn: ({ signal }) => getOrderPayments(orderId, signal),
      enabled,
    }),
  );
}
