import { useId, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n, type Translate } from '@/lib/i18n/i18n-provider';
import { isApiError } from '@/lib/problem';
import { useOrderPayments } from '../api/get-payments';
import { usePayOrder } from '../api/pay-order';
import {
  declineKey,
  DEFAULT_PAYMENT_METHOD,
  PAYMENT_METHOD_GROUPS,
  paymentMethodKey,
  type PaymentMethod,
} from '../payment-methods';
import type { Order, Payment } from '../types';

type Outcome =
  | { kind: 'declined'; code: string; message: string }
  | { kind: 'processing'; paymentId: string }
  | { kind: 'error'; message: string };

/**
 * A payment answered 202 is settled later by reconciliation; the payment events refresh the
 * attempts, and a failure reopens the form with its reason (a success turns the order paid).
 */
function settled(outcome: Outcome | null, payments: readonly Payment[], t: Translate): Outcome | null {
  if (outcome?.kind !== 'processing') {
    return outcome;
  }
  const payment = payments.find((candidate) => candidate.id === outcome.paymentId);
  if (payment?.status !== 'failed') {
    return outcome;
  }
  const code = payment.failureCode ?? 'processing_error';
  const key = declineKey(code);
  return { kind: 'declined', code, message: key ? t(key) : (payment.failureMessage ?? '') };
}

/**
 * Pays an order awaiting payment with one of the sandbox's test methods. A decline says why (its
 * code and plain words) and leaves the form ready for another method; success is reported by the
 * order turning paid, which the page learns from the answer and the WebSocket.
 */
export function CheckoutPanel({ order, onPaid }: { order: Order; onPaid: () => void }) {
  const { t, money } = useI18n();
  const pay = usePayOrder();
  const selectId = useId();
  const [method, setMethod] = useState<PaymentMethod>(DEFAULT_PAYMENT_METHOD);
  const [answer, setOutcome] = useState<Outcome | null>(null);
  const payments = useOrderPayments(order.id, true);
  const outcome = settled(answer, payments.data?.items ?? [], t);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pay.isPending) {
      return;
    }
    setOutcome(null);
    try {
      const payment = await pay.mutateAsync({ orderId: order.id, paymentMethod: method });
      if (payment.status === 'processing') {
        setOutcome({ kind: 'processing', paymentId: payment.id });
      } else {
        onPaid();
      }
    } catch (error) {
      if (isApiError(error) && error.code === 'payment_declined') {
        const code = typeof error.body.declineCode === 'string' ? error.body.declineCode : 'card_declined';
        const key = declineKey(code);
        const serverText = typeof error.body.declineMessage === 'string' ? error.body.declineMessage : error.message;
        setOutcome({ kind: 'declined', code, message: key ? t(key) : serverText });
      } else {
        setOutcome({ kind: 'error', message: errorMessage(error, t) });
      }
    }
  }

  return (
    <section className="card order-section checkout" aria-labelledby="checkout-title">
      <h2 id="checkout-title">{t('orders.checkout.title')}</h2>
      <p className="muted">{t('orders.checkout.lead')}</p>
      {outcome?.kind === 'declined' ? (
        <Alert tone="error" title={t('orders.checkout.declinedTitle')}>
          <p className="checkout-decline-message">{outcome.message}</p>
          <p className="checkout-decline-code">{t('orders.checkout.declinedCode', { code: outcome.code })}</p>
          <p>{t('orders.checkout.retryHint')}</p>
        </Alert>
      ) : null}
      {outcome?.kind === 'processing' ? <Alert tone="info">{t('orders.checkout.processing')}</Alert> : null}
      {outcome?.kind === 'error' ? <Alert tone="error">{outcome.message}</Alert> : null}
      {outcome?.kind !== 'processing' ? (
        <form className="form checkout-form" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={selectId}>{t('orders.checkout.method')}</label>
            <select
              id={selectId}
              value={method}
              aria-describedby={`${selectId}-hint`}
              onChange={(event) => setMethod(event.target.value as PaymentMethod)}
            >
              {PAYMENT_METHOD_GROUPS.map(({ group, methods }) => (
                <optgroup key={group} label={t(`orders.checkout.group.${group}`)}>
                  {methods.map((value) => (
                    <option key={value} value={value}>
                      {`${value} — ${t(paymentMethodKey(value))}`}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <p id={`${selectId}-hint`} className="field-hint">
              {t('orders.checkout.selected', { method, outcome: t(paymentMethodKey(method)) })}
            </p>
          </div>
          <div>
            <Button type="submit" busy={pay.isPending}>
              {t('orders.checkout.pay', { amount: money(order.total) })}
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
