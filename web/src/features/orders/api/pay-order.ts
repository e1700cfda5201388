import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { api } from '@/lib/api-client';
import { isApiError } from '@/lib/problem';
import { paymentSchema, type Payment } from '../types';
import { createAttemptKeys } from './idempotency-key';
import { orderKeys } from './query-keys';

export type PayInput = { orderId: string; paymentMethod: string };

export function payOrder({ orderId, paymentMethod }: PayInput, idempotencyKey: string): Promise<Payment> {
  return api.post(
    `/api/orders/${encodeURIComponent(orderId)}/payments`,
    { paymentMethod },
    { schema: paymentSchema, headers: { 'Idempotency-Key': idempotencyKey } },
  );
}

/**
 * Pays an order: 201 succeeded, 202 still processing (the events tell the rest), 402 declined
 * (`payment_declined` with `declineCode` and `declineMessage`). Each attempt has its own key; a retry
 * after a lost answer reuses it, so a card is never charged twice.
 */
export function usePayOrder() {
  const queryClient = useQueryClient();
  const keys = useRef(createAttemptKeys());
  return useMutation({
    mutationFn: (input: PayInput) => payOrder(input, keys.current.keyFor(input)),
    onSettled: (_payment, error, input) => {
      if (!isApiError(error) || (error.status !== 0 && error.code !== 'idempotency_key_in_use')) {
        keys.current.answered();
      }
      void queryClient.invalidateQueries({ queryKey: orderKeys.payments(input.orderId) });
      void queryClient.invalidateQueries({ queryKey: orderKeys.detail(input.orderId) });
    },
  });
}
