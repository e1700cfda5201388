import type { Translate } from '@/lib/i18n/i18n-provider';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { isCategory, isProductStatus } from '../types';

/** A category's name; one this UI does not know yet shows as the server sent it. */
export function categoryLabel(category: string, t: Translate): string {
  return isCategory(category) ? t(`admin.products.categories.${category}`) : category;
}

export function statusLabel(status: string, t: Translate): string {
  return isProductStatus(status) ? t(`admin.products.statuses.${status}`) : status;
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return <span className={`product-status product-status-${status}`}>{statusLabel(status, t)}</span>;
}
