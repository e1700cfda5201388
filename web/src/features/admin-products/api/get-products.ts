import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { pageSchema, type Page } from '@/lib/page';
import { productSchema, type Category, type Product, type ProductStatus } from '../types';

export const SORTS = ['createdAt,desc', 'createdAt,asc', 'name,asc', 'name,desc', 'price,asc', 'price,desc'] as const;
export type ProductSort = (typeof SORTS)[number];

export type AdminProductFilters = {
  q?: string | undefined;
  category?: Category | undefined;
  /** None: every status (admins see drafts and archived products too). */
  status?: ProductStatus | undefined;
  sort: ProductSort;
  page: number;
  size: number;
};

const productPageSchema = pageSchema(productSchema);

export function getAdminProducts(filters: AdminProductFilters, signal?: AbortSignal): Promise<Page<Product>> {
  return api.get('/api/products', {
    query: {
      q: filters.q?.trim(),
      category: filters.category,
      status: filters.status,
      sort: filters.sort,
      page: filters.page,
      size: filters.size,
    },
    schema: productPageSchema,
    ...(signal ? { signal } : {}),
  });
}

export const adminProductsQueryKey = ['admin', 'products'] as const;

export function getAdminProductsQueryOptions(filters: AdminProductFilters) {
  return queryOptions({
    queryKey: [...adminProductsQueryKey, 'list', filters],
    queryFn: ({ signal }) => getAdminProducts(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAdminProducts(filters: AdminProductFilters) {
  return useQuery(getAdminProductsQueryOptions(filters));
}
