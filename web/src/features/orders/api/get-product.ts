import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api-client';
import { moneySchema } from '../types';
import { orderKeys } from './query-keys';

/** The product being ordered: what the order page needs of GET /api/products/{id}. */
export const orderableProductSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  price: moneySchema,
  category: z.string(),
  status: z.string(),
});
export type OrderableProduct = z.infer<typeof orderableProductSchema>;

export function getOrderableProduct(id: string, signal?: AbortSignal): Promise<OrderableProduct> {
  return api.get(`/api/products/${encodeURIComponent(id)}`, {
    schema: orderableProductSchema,
    ...(signal ? { signal } : {}),
  });
}

export function useOrderableProduct(id: string | null) {
  return useQuery(
    queryOptions({
      queryKey: [...orderKeys.all, 'product', id ?? ''],
      queryFn: ({ signal }) => getOrderableProduct(id ?? '', signal),
      enabled: id !== null,
    }),
  );
}
