import { writeProduct } from '@/api/products';
import { useRealtimeEvents } from '@/lib/realtime/realtime-provider';
import { productSchema } from '../types';

const TOPICS = ['products'] as const;

/**
 * Keeps the product pages current while they are open: `product.*` events (topic `products`, admins)
 * carry the product, which replaces the cached one when newer; the lists are read again.
 */
export function useProductEvents(): void {
  useRealtimeEvents(TOPICS, (event, queryClient) => {
    if (!event.type.startsWith('product.')) {
      return;
    }
    const product = productSchema.safeParse(event.payload);
    writeProduct(queryClient, product.success ? product.data : undefined);
  });
}
