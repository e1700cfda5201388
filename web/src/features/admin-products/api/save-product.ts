import { useMutation, useQueryClient } from '@tanstack/react-query';
import { productKeys, writeProduct } from '@/api/products';
import { api } from '@/lib/api-client';
import type { ProductRequest } from '../components/product-form-schema';
import { productSchema, type Product } from '../types';

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

export function useCreateProduct() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createProduct, onSuccess: (product) => writeProduct(queryClient, product) });
}

export function useReplaceProduct() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: replaceProduct, onSuccess: (product) => writeProduct(queryClient, product) });
}

export function useArchiveProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: archiveProduct,
    onSuccess: async (_, id) => {
      // DELETE answers 204 without the product: read its archived state (and new version) back.
      await queryClient.invalidateQueries({ queryKey: productKeys.detail(id) });
      writeProduct(queryClient);
    },
  });
}
