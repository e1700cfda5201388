import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { lenientProductSchema } from '@/api/schemas/product';
import { api } from '@/lib/api-client';
import { orderKeys } from './query-keys';

/** The product being ordered: what the order page needs of GET /api/products/{id}. */
export const orderableProductSchema = lenientProductSchema.pick({
  id: true,
  name: true,
  description: true,
  price: true,
  category: true,
  status: true,
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
