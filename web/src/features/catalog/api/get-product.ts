import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { productSchema, type Product } from '../types';
import { productsQueryKey } from './get-products';

export function getProduct(id: string, signal?: AbortSignal): Promise<Product> {
  return api.get(`/api/products/${encodeURIComponent(id)}`, {
    auth: 'optional',
    schema: productSchema,
    ...(signal ? { signal } : {}),
  });
}

export function getProductQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...productsQueryKey, 'detail', id],
    queryFn: ({ signal }) => getProduct(id, signal),
  });
}

export function useProduct(id: string) {
  return useQuery(getProductQueryOptions(id));
}
