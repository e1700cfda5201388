import { useId } from 'react';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { ORDER_STATUSES, type OrderStatus } from '../types';

/** The order lists' status filter: every status, or all of them. */
export function OrderStatusFilter({
  status,
  onChange,
}: {
  status: OrderStatus | undefined;
  onChange: (status: string | undefined) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('orders.list.filter')}</label>
      <select id={id} value={status ?? ''} onChange={(event) => onChange(event.target.value || undefined)}>
        <option value="">{t('orders.list.allStatuses')}</option>
        {ORDER_STATUSES.map((value) => (
          <option key={value} value={value}>
            {t(`orders.status.${value}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
