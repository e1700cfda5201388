import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { FormProvider, useForm, type FieldValues, type Resolver } from 'react-hook-form';
import { z } from 'zod';
import type { Product } from '@/api/schemas/product';
import { GenerationRequestFields } from '@/components/generation-request/generation-request-fields';
import {
  generationRequestDefaults,
  generationRequestSchema,
  generationValuesFromInput,
  toGenerationInput,
  type GenerationKind,
  type GenerationRequestValues,
} from '@/components/generation-request/schema';
import { applyGenerationRequestErrors } from '@/components/generation-request/server-errors';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { usePlaceOrder } from '../api/place-order';
import { applyOrderErrors } from '../order-errors';
import type { Order } from '../types';
import { quantitySchema } from './order-form';
import { OrderTotal } from './order-total';

type Values = { quantity: number; input: GenerationRequestValues };

function schemaOf(kind: GenerationKind) {
  return z.object({ quantity: quantitySchema, input: generationRequestSchema(kind) });
}

/**
 * Orders an AI course or document: the quantity and the generation request (the shared request
 * fields, with the rules of the server's input schemas), filled in from `initialInput` when the
 * customer brings a request along (the studio's). The server's `input.*` field errors land on the
 * request's fields, its `quantity` errors on the quantity.
 */
export function GenerationOrderForm({
  product,
  kind,
  onPlaced,
  initialInput = null,
}: {
  product: Product;
  kind: GenerationKind;
  onPlaced: (order: Order) => void;
  initialInput?: unknown;
}) {
  const { t, message, locale } = useI18n();
  const place = usePlaceOrder();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FieldValues>({
    resolver: zodResolver(schemaOf(kind)) as unknown as Resolver<FieldValues>,
    defaultValues: {
      quantity: 1,
      input: initialInput ? generationValuesFromInput(kind, initialInput) : generationRequestDefaults(kind, locale),
    },
  });
  const quantityError = form.formState.errors.quantity?.message;

  const submit = form.handleSubmit(async (raw) => {
    const values = raw as Values;
    setFormError(null);
    try {
      const order = await place.mutateAsync({
        productId: product.id,
        quantity: values.quantity,
        input: toGenerationInput(kind, values.input),
      });
      onPlaced(order);
    } catch (error) {
      setFormError(
        applyOrderErrors(error, t, {
          fields: ['quantity'],
          setError: form.setError,
          applyFieldErrors: (refused) =>
            applyGenerationRequestErrors(refused, {
              kind,
              setError: form.setError,
              getValues: form.getValues,
              prefix: 'input',
              otherFields: ['quantity'],
            }),
        }),
      );
    }
  });

  return (
    <FormProvider {...form}>
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
          error={message(typeof quantityError === 'string' ? quantityError : undefined)}
          {...form.register('quantity', { valueAsNumber: true })}
        />
        <OrderTotal unitPrice={product.price} quantity={form.watch('quantity') as number} />
        <h2 className="order-request-heading">{t('orders.new.requestTitle')}</h2>
        <p className="muted">{t(initialInput ? 'orders.new.requestHandedOff' : 'orders.new.requestLead')}</p>
        <GenerationRequestFields kind={kind} name="input" />
        <div>
          <Button type="submit" busy={form.formState.isSubmitting}>
            {t('orders.new.submit')}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
