import { useI18n } from '@/lib/i18n/i18n-provider';
import type { ProductStatus } from '../types';

export function StatusBadge({ status }: { status: ProductStatus }) {
  const { t } = useI18n();
  return <span className={`product-status product-status-${status}`}>{t(`admin.products.statuses.${status}`)}</span>;
}
