import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { pageSchema, type Page } from '@/lib/page';
import { productSchema, type Category, type Product } from '../types';

export type ProductFilters = {
  q?: string | undefined;
  category?: Category | undefined;
  page: number;
  size: number;
};

const productPageSchema = pageSchema(productSchema);

export function getProducts(filters: ProductFilters, signal?: AbortSignal): Promise<Page<Product>> {
  return api.get('/api/products', {
    auth: 'optional',
    query: { q: filters.q?.trim(), category: filters.category, page: filters.page, size: filters.size },
    schema: productPageSchema,
    ...(signal ? { signal } : {}),
  });
}

export const productsQueryKey = ['catalog', 'products'] as const;

export function getProductsQueryOptions(filters: ProductFilters) {
  return queryOptions({
    queryKey: [...productsQueryKey, 'list', filters],
    queryFn: ({ signal }) => getProducts(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProducts(filters: ProductFilters) {
  return useQuery(getProductsQueryOptions(filters));
}
