import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { productSchema, type Product } from '../types';
import { adminProductsQueryKey } from './get-products';

export function getAdminProduct(id: string, signal?: AbortSignal): Promise<Product> {
  return api.get(`/api/products/${encodeURIComponent(id)}`, { schema: productSchema, ...(signal ? { signal } : {}) });
}

export function adminProductQueryKey(id: string) {
  return [...adminProductsQueryKey, 'detail', id] as const;
}

export function getAdminProductQueryOptions(id: string) {
  return queryOptions({
    queryKey: adminProductQueryKey(id),
    queryFn: ({ signal }) => getAdminProduct(id, signal),
  });
}

/** One product of any status (admins see drafts and archived ones); kept current by product events. */
export function useAdminProduct(id: string) {
  return useQuery(getAdminProductQueryOptions(id));
}
