import type { MessageKey } from '@/lib/i18n/catalogue';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { useUser } from '@/lib/auth/get-me';
import { hasRole } from '@/lib/auth/user';
import { useOrderPayments } from '../api/get-payments';
import { declineKey, paymentMethodLabel } from '../payment-methods';
import type { Payment } from '../types';
import { RefundForm, RefundHistory } from './refund-panel';

/** A payment with captured money left to give back. */
const REFUNDABLE: readonly Payment['status'][] = ['succeeded', 'partially_refunded'];
/** A payment that has or may have refunds. */
const CAPTURED: readonly Payment['status'][] = ['succeeded', 'partially_refunded', 'refunded'];

const STATUS_KEYS: Record<Payment['status'], MessageKey> = {
  processing: 'orders.checkout.paymentStatus.processing',
  succeeded: 'orders.checkout.paymentStatus.succeeded',
  failed: 'orders.checkout.paymentStatus.failed',
  partially_refunded: 'orders.checkout.paymentStatus.partially_refunded',
  refunded: 'orders.checkout.paymentStatus.refunded',
};

/**
 * Every payment attempt of the order, newest first, with the reason of each decline; the refunds of a
 * captured payment, and for admins the refund form.
 */
export function PaymentAttempts({ orderId, enabled }: { orderId: string; enabled: boolean }) {
  const { t, dateTime, money } = useI18n();
  const admin = hasRole(useUser().data, 'admin');
  const payments = useOrderPayments(orderId, enabled);
  const items = payments.data?.items ?? [];
  if (items.length === 0) {
    return null;
  }
  return (
    <section className="card order-section" aria-labelledby="payment-attempts-title">
      <h2 id="payment-attempts-title">{t('orders.checkout.attempts')}</h2>
      <ul className="payment-attempts">
        {items.map((payment) => {
          const reason = declineKey(payment.failureCode);
          const method = paymentMethodLabel(payment.paymentMethodType, t);
          return (
            <li key={payment.id} id={`payment-${payment.id}`} className="payment-attempt">
              <p className="payment-attempt-head">
                <span className={`payment-status payment-status-${payment.status}`}>{t(STATUS_KEYS[payment.status])}</span>
                <span>{money(payment.amount)}</span>
              </p>
              <p className="muted">
                {method
                  ? t('orders.checkout.attempt', { date: dateTime(payment.createdAt), method })
                  : dateTime(payment.createdAt)}
              </p>
              {payment.status === 'failed' ? (
                <p className="payment-attempt-reason">
                  {reason ? t(reason) : (payment.failureMessage ?? '')}{' '}
                  {payment.failureCode ? (
                    <span className="muted">({t('orders.checkout.declinedCode', { code: payment.failureCode })})</span>
                  ) : null}
                </p>
              ) : null}
              {CAPTURED.includes(payment.status) ? <RefundHistory paymentId={payment.id} /> : null}
              {admin && REFUNDABLE.includes(payment.status) ? <RefundForm payment={payment} /> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
