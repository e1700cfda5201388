import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { Product } from '@/api/schemas/product';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextAreaField, TextField } from '@/components/ui/fields';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { usePlaceOrder } from '../api/place-order';
import { applyOrderErrors, notesForInput } from '../order-errors';
import type { Order } from '../types';
import { OrderTotal } from './order-total';

/** The server's rules for an order (docs/api.md "Orders"): quantity 1–100; notes (the input) ≤ 10 KB. */
export const quantitySchema = z
  .number({ error: 'orders.validation.quantityRequired' })
  .int('orders.validation.quantityRange')
  .min(1, 'orders.validation.quantityRange')
  .max(100, 'orders.validation.quantityRange');

export const orderFormSchema = z.object({
  quantity: quantitySchema,
  notes: z.string().max(10_000, 'orders.validation.notesTooLong'),
});
export type OrderFormValues = z.infer<typeof orderFormSchema>;

const FIELDS = ['quantity', 'notes'] as const;

/** Orders a product that needs no generation request: a quantity and optional notes for the team. */
export function OrderForm({ product, onPlaced }: { product: Product; onPlaced: (order: Order) => void }) {
  const { t, message } = useI18n();
  const place = usePlaceOrder();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<OrderFormValues>({
    resolver: zodResolver(orderFormSchema),
    defaultValues: { quantity: 1, notes: '' },
  });
  const { errors } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    const notes = values.notes.trim();
    try {
      const order = await place.mutateAsync({
        productId: product.id,
        quantity: values.quantity,
        ...(notes ? { input: notes } : {}),
      });
      onPlaced(order);
    } catch (error) {
      setFormError(applyOrderErrors(error, t, { fields: FIELDS, setError: form.setError, rename: notesForInput }));
    }
  });

  return (
    <form className="form order-form" onSubmit={submit} noValidate>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <TextField
        label={t('orders.field.quantity')}
        type="number"
        inputMode="numeric"
        min={1}
        max={100}
        step={1}
        hint={t('orders.new.quantityHint')}
        error={message(errors.quantity?.message)}
        {...form.register('quantity', { valueAsNumber: true })}
      />
      <OrderTotal unitPrice={product.price} quantity={form.watch('quantity')} />
      <TextAreaField
        label={t('orders.new.notes')}
        rows={4}
        hint={t('orders.new.notesHint')}
        error={message(errors.notes?.message)}
        {...form.register('notes')}
      />
      <Button type="submit" busy={form.formState.isSubmitting}>
        {t('orders.new.submit')}
      </Button>
    </form>
  );
}
