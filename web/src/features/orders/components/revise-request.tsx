import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { GenerationRequestForm } from '@/components/generation-request/generation-request-form';
import { generationKindOfCategory, generationValuesFromInput } from '@/components/generation-request/schema';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { useReviseOrder } from '../api/revise-order';
import { applyOrderErrors, notesForInput } from '../order-errors';
import type { Order } from '../types';
import { TextAreaField } from '@/components/ui/fields';

const notesSchema = z.object({ notes: z.string().max(10_000, 'orders.validation.notesTooLong') });

function ReviseNotes({ order }: { order: Order }) {
  const { t, message } = useI18n();
  const revise = useReviseOrder();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<z.infer<typeof notesSchema>>({
    resolver: zodResolver(notesSchema),
    defaultValues: { notes: typeof order.input === 'string' ? order.input : '' },
  });
  const submit = form.handleSubmit(async ({ notes }) => {
    setFormError(null);
    try {
      await revise.mutateAsync({ orderId: order.id, input: notes.trim() || null });
    } catch (error) {
      setFormError(applyOrderErrors(error, t, { fields: ['notes'], setError: form.setError, rename: notesForInput }));
    }
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <TextAreaField
        label={t('orders.new.notes')}
        rows={4}
        error={message(form.formState.errors.notes?.message)}
        {...form.register('notes')}
      />
      <div>
        <Button type="submit" busy={form.formState.isSubmitting}>
          {t('orders.revise.submit')}
        </Button>
      </div>
    </form>
  );
}

/**
 * After an approver asked for changes: the customer's request, prefilled, to correct and send again
 * (the approval starts over at its first stage).
 */
export function ReviseRequest({ order }: { order: Order }) {
  const { t } = useI18n();
  const revise = useReviseOrder();
  const kind = generationKindOfCategory(order.category);
  // Prefilled once per order: the request the approver saw (not replaced while the customer edits).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const defaults = useMemo(() => (kind ? generationValuesFromInput(kind, order.input) : undefined), [kind, order.id]);
  return (
    <div className="revise-request">
      <h3 className="order-subheading">{t('orders.revise.title')}</h3>
      <p className="muted">{t('orders.revise.lead')}</p>
      {kind && defaults ? (
        <GenerationRequestForm
          kind={kind}
          defaultValues={defaults}
          submitLabel={t('orders.revise.submit')}
          onSubmit={async (input) => {
            await revise.mutateAsync({ orderId: order.id, input });
          }}
        />
      ) : (
        <ReviseNotes order={order} />
      )}
    </div>
  );
}
