import type { Money } from '@/lib/i18n/format';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { multiplyMoney } from '../money-math';

/** The total the order will cost, as the quantity changes; none while the quantity is not one of 1–100. */
export function OrderTotal({ unitPrice, quantity }: { unitPrice: Money; quantity: number }) {
  const { t, money } = useI18n();
  const valid = Number.isInteger(quantity) && quantity >= 1 && quantity <= 100;
  return (
    <p className="order-total-preview" aria-live="polite">
      <span>{t('orders.new.totalPreview')}</span>{' '}
      <strong className="price">{valid ? money(multiplyMoney(unitPrice, quantity)) : '—'}</strong>
    </p>
  );
}
