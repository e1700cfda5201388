import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { api } from '@/lib/api-client';
import { pageSchema, type Page } from '@/lib/page';
import { isApiError } from '@/lib/problem';
import { refundSchema, type Refund } from '../types';
import { createAttemptKeys } from './idempotency-key';
import { orderKeys } from './query-keys';

const refundsPageSchema = pageSchema(refundSchema);

/** A payment's refunds, oldest first (owner or admin). */
export function getRefunds(paymentId: string, signal?: AbortSignal): Promise<Page<Refund>> {
  return api.get(`/api/payments/${encodeURIComponent(paymentId)}/refunds`, {
    schema: refundsPageSchema,
    ...(signal ? { signal } : {}),
  });
}

export function useRefunds(paymentId: string) {
  return useQuery(
    queryOptions({
      queryKey: orderKeys.refunds(paymentId),
      queryFn: ({ signal }) => getRefunds(paymentId, signal),
    }),
  );
}

/** `amount` absent: all that is left. */
export type RefundInput = { paymentId: string; orderId: string; amount?: string | undefined; reason?: string | undefined };

export function refundPayment({ paymentId, amount, reason }: RefundInput, idempotencyKey: string): Promise<Refund> {
  return api.post(
    `/api/payments/${encodeURIComponent(paymentId)}/refunds`,
    { ...(amount ? { amount } : {}), ...(reason ? { reason } : {}) },
    { schema: refundSchema, headers: { 'Idempotency-Key': idempotencyKey } },
  );
}

/**
 * Refunds a payment (admins): 201 succeeded, 202 pending (settled later), 422 beyond what is left or
 * refused by the provider. Like paying, one key per attempt, reused after a lost answer.
 */
export function useRefundPayment() {
  const queryClient = useQueryClient();
  const keys = useRef(createAttemptKeys());
  return useMutation({
    mutationFn: (input: RefundInput) => refundPayment(input, keys.current.keyFor(input)),
    onSettled: (_refund, error, input) => {
      if (!isApiError(error) || (error.status !== 0 && error.code !== 'idempotency_key_in_use')) {
        keys.current.answered();
      }
      void queryClient.invalidateQueries({ queryKey: orderKeys.refunds(input.paymentId) });
      void queryClient.invalidateQueries({ queryKey: orderKeys.payments(input.orderId) });
    },
  });
}
