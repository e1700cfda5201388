import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { ProductRequest } from '../components/product-form-schema';
import { productSchema, type Product } from '../types';
import { adminProductQueryKey } from './get-product';
import { adminProductsQueryKey } from './get-products';

export function createProduct(body: ProductRequest): Promise<Product> {
  return api.post('/api/products', body, { schema: productSchema });
}

/** Full replacement under optimistic locking: a stale `version` is 409 `version_conflict`. */
export function replaceProduct({ id, version, body }: { id: string; version: number; body: ProductRequest }): Promise<Product> {
  return api.put(`/api/products/${encodeURIComponent(id)}`, body, {
    headers: { 'If-Match': `"${version}"` },
    schema: productSchema,
  });
}

export function archiveProduct(id: string): Promise<void> {
  return api.delete(`/api/products/${encodeURIComponent(id)}`);
}

/**
 * After a change: the product's own entry, the admin lists, and the public catalog's cached pages
 * (key `['catalog', 'products']`, owned by the catalog feature) are no longer current.
 */
export function productChanged(queryClient: QueryClient, product?: Product): void {
  if (product) {
    queryClient.setQueryData<Product>(adminProductQueryKey(product.id), (cached) =>
      cached && cached.version > product.version ? cached : product,
    );
  }
  void queryClient.invalidateQueries({ queryKey: [...adminProductsQueryKey, 'list'] });
  void queryClient.invalidateQueries({ queryKey: ['catalog', 'products'] });
}

export function useCreateProduct() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createProduct, onSuccess: (product) => productChanged(queryClient, product) });
}

export function useReplaceProduct() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: replaceProduct, onSuccess: (product) => productChanged(queryClient, product) });
}

export function useArchiveProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: archiveProduct,
    onSuccess: async (_, id) => {
      // DELETE answers 204 without the product: read its archived state (and new version) back.
      await queryClient.invalidateQueries({ queryKey: adminProductQueryKey(id) });
      productChanged(queryClient);
    },
  });
}
