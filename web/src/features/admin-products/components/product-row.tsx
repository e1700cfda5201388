import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n-provider';
import type { Product } from '../types';
import { ArchiveButton } from './archive-button';
import { categoryLabel, StatusBadge } from './status-badge';

export function ProductRow({ product }: { product: Product }) {
  const { t, money, dateTime } = useI18n();
  return (
    <tr data-testid={`product-row-${product.id}`}>
      <td className="break">
        <Link to={`/admin/products/${product.id}`}>{product.name}</Link>
      </td>
      <td>{categoryLabel(product.category, t)}</td>
      <td className="numeric">{money(product.price)}</td>
      <td>
        <StatusBadge status={product.status} />
      </td>
      <td>{dateTime(product.updatedAt ?? product.createdAt)}</td>
      <td>
        <div className="row-actions">
          <Link
            className="btn btn-ghost"
            to={`/admin/products/${product.id}`}
            aria-label={t('admin.products.editNamed', { name: product.name })}
          >
            {t('admin.products.edit')}
          </Link>
          {product.status !== 'archived' ? <ArchiveButton product={product} /> : null}
        </div>
      </td>
    </tr>
  );
}
