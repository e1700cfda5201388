import { useId, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import { minorUnits, moneySchema } from '@/api/schemas/money';
import type { MessageKey } from '@/lib/i18n/catalogue';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { isApiError } from '@/lib/problem';
import { useRefundPayment, useRefunds } from '../api/refunds';
import { subtractMoney } from '../money-math';
import type { Payment, Refund } from '../types';

const REFUND_STATUS_KEYS: Record<Refund['status'], MessageKey> = {
  pending: 'orders.refund.status.pending',
  succeeded: 'orders.refund.status.succeeded',
  failed: 'orders.refund.status.failed',
};

/** An amount the server takes for this currency: digits, at most its minor units, more than zero. */
function validAmount(text: string, currency: string): boolean {
  const digits = minorUnits(currency);
  const pattern = digits > 0 ? new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`) : /^\d+$/;
  return pattern.test(text) && Number(text) > 0;
}

/** The refunds of a payment so far. */
export function RefundHistory({ paymentId }: { paymentId: string }) {
  const { t, money, dateTime } = useI18n();
  const refunds = useRefunds(paymentId);
  const items = refunds.data?.items ?? [];
  if (items.length === 0) {
    return null;
  }
  return (
    <div className="refund-history">
      <h3>{t('orders.refund.history')}</h3>
      <ul>
        {items.map((refund) => (
          <li key={refund.id} data-testid={`refund-${refund.id}`}>
            <span className={`payment-status refund-status-${refund.status}`}>{t(REFUND_STATUS_KEYS[refund.status])}</span>{' '}
            {t('orders.refund.entry', { amount: money(refund.amount), date: dateTime(refund.createdAt) })}
            {refund.automatic ? <span className="muted"> ({t('orders.refund.automatic')})</span> : null}
            {refund.reason ? <span className="muted"> — {refund.reason}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The admin's refund form for one captured payment: all that is left, or a part of it, with a reason. */
export function RefundForm({ payment }: { payment: Payment }) {
  const { t, money } = useI18n();
  const titleId = useId();
  const refund = useRefundPayment();
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [amountError, setAmountError] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<Refund | null>(null);
  const refundable = payment.refundedAmount ? subtractMoney(payment.amount, payment.refundedAmount) : payment.amount;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = amount.trim();
    if (trimmed !== '' && !validAmount(trimmed, payment.amount.currency)) {
      setAmountError(t('orders.refund.invalidAmount'));
      return;
    }
    setAmountError(undefined);
    setOutcome(null);
    await refund
      .mutateAsync({
        paymentId: payment.id,
        orderId: payment.orderId,
        amount: trimmed || undefined,
        reason: reason.trim() || undefined,
      })
      .then(
        (done) => {
          setOutcome(done);
          setAmount('');
          setReason('');
          setOpen(false);
        },
        () => undefined,
      );
  };

  const error = refund.error;
  const left = isApiError(error) ? moneySchema.safeParse(error.body.refundableAmount) : null;
  const problem =
    isApiError(error) && error.code === 'refund_exceeds_captured' && left?.success
      ? t('orders.refund.exceeds', { amount: money(left.data) })
      : isApiError(error) && error.code === 'refund_failed'
        ? t('orders.refund.failed')
        : error
          ? errorMessage(error, t)
          : null;

  return (
    <div className="refund-panel">
      {outcome ? (
        <Alert tone={outcome.status === 'failed' ? 'error' : 'success'}>
          {outcome.status === 'succeeded'
            ? t('orders.refund.succeeded', { amount: money(outcome.amount) })
            : outcome.status === 'pending'
              ? t('orders.refund.pending', { amount: money(outcome.amount) })
              : t('orders.refund.failed')}
        </Alert>
      ) : null}
      {open ? (
        <form className="form refund-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
          <h3 id={titleId}>{t('orders.refund.title')}</h3>
          {refundable ? (
            <p className="muted">
              {t('orders.refund.refundable', { amount: money(refundable), captured: money(payment.amount) })}
            </p>
          ) : null}
          {problem ? <Alert tone="error">{problem}</Alert> : null}
          <TextField
            label={t('orders.refund.amount', { currency: payment.amount.currency })}
            inputMode="decimal"
            hint={t('orders.refund.amountHint')}
            error={amountError}
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
          />
          <TextField
            label={t('orders.refund.reason')}
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
          <div className="refund-actions">
            <Button type="submit" busy={refund.isPending}>
              {t('orders.refund.submit')}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
          {t('orders.refund.open')}
        </Button>
      )}
    </div>
  );
}
