import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n-provider';
import type { Product } from '../types';
import { CategoryLabel } from './category-label';

export function ProductCard({ product }: { product: Product }) {
  const { money } = useI18n();
  return (
    <article className="card product-card">
      <CategoryLabel category={product.category} />
      <h2 className="product-name">
        <Link to={`/catalog/${product.id}`}>{product.name}</Link>
      </h2>
      {product.description ? <p className="product-description">{product.description}</p> : null}
      <p className="price">{money(product.price)}</p>
    </article>
  );
}
