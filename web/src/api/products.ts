import { keepPreviousData, queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { pageSchema, type Page } from '@/lib/page';
import { keepNewer, writeNewer } from '@/lib/versioned-cache';
import { productSchema, type Category, type Product, type ProductStatus } from './schemas/product';

/**
 * Products, read by the catalog, the order form and the admin pages alike (docs/api.md "Catalog").
 * The reads are public: signed in, the token goes along, and an admin then sees drafts and archived
 * products too.
 */
export const PRODUCT_SORTS = ['createdAt,desc', 'createdAt,asc', 'name,asc', 'name,desc', 'price,asc', 'price,desc'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export type ProductFilters = {
  q?: string | undefined;
  category?: Category | undefined;
  /** None: active products for customers, every status for admins. */
  status?: ProductStatus | undefined;
  sort?: ProductSort | undefined;
  page: number;
  size: number;
};

export const productKeys = {
  all: ['products'] as const,
  lists: () => [...productKeys.all, 'list'] as const,
  list: (filters: ProductFilters) => [...productKeys.lists(), filters] as const,
  detail: (id: string) => [...productKeys.all, 'detail', id] as const,
};

const productPageSchema = pageSchema(productSchema);

export function getProducts(filters: ProductFilters, signal?: AbortSignal): Promise<Page<Product>> {
  return api.get('/api/products', {
    auth: 'optional',
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

export function getProduct(id: string, signal?: AbortSignal): Promise<Product> {
  return api.get(`/api/products/${encodeURIComponent(id)}`, {
    auth: 'optional',
    schema: productSchema,
    ...(signal ? { signal } : {}),
  });
}

export function getProductsQueryOptions(filters: ProductFilters) {
  return queryOptions({
    queryKey: productKeys.list(filters),
    queryFn: ({ signal }) => getProducts(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function getProductQueryOptions(id: string) {
  return queryOptions({
    queryKey: productKeys.detail(id),
    queryFn: ({ signal }) => getProduct(id, signal),
    structuralSharing: keepNewer,
  });
}

export function useProducts(filters: ProductFilters) {
  return useQuery(getProductsQueryOptions(filters));
}

/** One product; none is read while `id` is null. */
export function useProduct(id: string | null) {
  return useQuery({ ...getProductQueryOptions(id ?? ''), enabled: id !== null });
}

/**
 * After a change (an answer or a `product.*` event): the product's own entry, unless the cached one
 * is newer, and every cached list — the catalog's and the admin's — is read again (a new status or
 * name may move it in or out of a filtered page).
 */
export function writeProduct(queryClient: QueryClient, product?: Product): void {
  if (product) {
    writeNewer(queryClient, productKeys.detail(product.id), product);
  }
  void queryClient.invalidateQueries({ queryKey: productKeys.lists() });
}
