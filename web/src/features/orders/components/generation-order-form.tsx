import type { OrderableProduct } from '../api/get-product';
import type { GenerationCategory, Order } from '../types';
import { OrderForm } from './order-form';

/** Placeholder until the shared generation request form is merged. */
export function GenerationOrderForm({
  product,
  onPlaced,
}: {
  product: OrderableProduct;
  kind: GenerationCategory;
  onPlaced: (order: Order) => void;
}) {
  return <OrderForm product={product} onPlaced={onPlaced} />;
}
