import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { api } from '@/lib/api-client';
import { isApiError } from '@/lib/problem';
import { orderSchema, type Order } from '../types';
import { createAttemptKeys } from './idempotency-key';
import { writeOrder } from './order-cache';
import { orderKeys } from './query-keys';

export type PlaceOrderInput = { productId: string; quantity: number; input?: unknown };

export function placeOrder(body: PlaceOrderInput, idempotencyKey: string): Promise<Order> {
  return api.post('/api/orders', body, { schema: orderSchema, headers: { 'Idempotency-Key': idempotencyKey } });
}

/**
 * Places an order with an Idempotency-Key per submission: a double click or a retry after a lost
 * answer sends the same key, so the server creates one order.
 */
export function usePlaceOrder() {
  const queryClient = useQueryClient();
  const keys = useRef(createAttemptKeys());
  return useMutation({
    mutationFn: (body: PlaceOrderInput) => placeOrder(body, keys.current.keyFor(body)),
    onSuccess: (order) => {
      keys.current.answered();
      writeOrder(queryClient, order);
      void queryClient.invalidateQueries({ queryKey: orderKeys.lists() });
    },
    onError: (error) => {
      if (isApiError(error) && error.status !== 0 && error.code !== 'idempotency_key_in_use') {
        keys.current.answered();
      }
    },
  });
}
