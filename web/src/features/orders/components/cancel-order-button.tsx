import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { useCancelOrder } from '../api/cancel-order';

const MAX_REASON = 1000;

/** Cancels an order that is not paid yet, after a confirmation with an optional reason. */
export function CancelOrderButton({ orderId }: { orderId: string }) {
  const { t } = useI18n();
  const cancel = useCancelOrder();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reasonId = useId();
  const titleId = useId();
  const tooLong = reason.length > MAX_REASON;
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const opened = useRef(false);

  // Keyboard users land in the confirmation when it opens, and back on the button when it closes.
  useEffect(() => {
    if (confirming) {
      opened.current = true;
      reasonRef.current?.focus();
    } else if (opened.current) {
      wrapper.current?.querySelector('button')?.focus();
    }
  }, [confirming]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (tooLong) {
      return;
    }
    setError(null);
    try {
      await cancel.mutateAsync({ orderId, reason: reason.trim() || undefined });
      setConfirming(false);
    } catch (failure) {
      setError(errorMessage(failure, t));
    }
  }

  if (!confirming) {
    return (
      <div ref={wrapper}>
        <Button variant="danger" onClick={() => setConfirming(true)}>
          {t('orders.cancel.button')}
        </Button>
      </div>
    );
  }
  return (
    <form className="form cancel-form" aria-labelledby={titleId} onSubmit={submit} noValidate>
      <h3 id={titleId} className="order-subheading">
        {t('orders.cancel.title')}
      </h3>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className={['field', tooLong ? 'field-invalid' : null].filter(Boolean).join(' ')}>
        <label htmlFor={reasonId}>{t('orders.cancel.reason')}</label>
        <textarea
          ref={reasonRef}
          id={reasonId}
          rows={2}
          value={reason}
          aria-invalid={tooLong || undefined}
          aria-describedby={tooLong ? `${reasonId}-error` : undefined}
          onChange={(event) => setReason(event.target.value)}
        />
        {tooLong ? (
          <p id={`${reasonId}-error`} className="field-error">
            {t('orders.validation.reasonTooLong')}
          </p>
        ) : null}
      </div>
      <div className="row-actions order-actions">
        <Button variant="secondary" onClick={() => setConfirming(false)}>
          {t('orders.cancel.keep')}
        </Button>
        <Button type="submit" variant="danger" busy={cancel.isPending}>
          {t('orders.cancel.confirm')}
        </Button>
      </div>
    </form>
  );
}
