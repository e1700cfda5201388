import { useI18n } from '@/lib/i18n/i18n-provider';
import type { OrderStatus } from '../types';

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useI18n();
  return (
    <span className={`order-status order-status-${status}`} data-status={status}>
      {t(`orders.status.${status}`)}
    </span>
  );
}
