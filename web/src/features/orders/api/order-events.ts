import type { QueryClient } from '@tanstack/react-query';
import { applyApprovalEvent } from '@/api/approvals';
import { applyJobEvent } from '@/api/jobs';
import type { RealtimeEvent } from '@/lib/realtime/realtime-connection';
import { useRealtimeEvents } from '@/lib/realtime/realtime-provider';
import { orderSchema, paymentSchema } from '../types';
import { writeOrder } from './order-cache';
import { orderKeys } from './query-keys';

/**
 * Writes one WebSocket event into the cache: an order event replaces the order (detail and list
 * pages), a payment event refreshes the order's payment attempts, an approval or job event replaces
 * the request or job (src/api) unless the cached one is newer.
 */
export function applyOrderEvent(event: RealtimeEvent, queryClient: QueryClient): void {
  if (event.type.startsWith('order.')) {
    const order = orderSchema.safeParse(event.payload);
    if (!order.success) {
      void queryClient.invalidateQueries({ queryKey: orderKeys.all });
      return;
    }
    writeOrder(queryClient, order.data);
    if (event.type === 'order.created') {
      void queryClient.invalidateQueries({ queryKey: orderKeys.lists() });
    }
    return;
  }
  if (event.type.startsWith('payment.')) {
    const payment = paymentSchema.safeParse(event.payload);
    if (payment.success) {
      void queryClient.invalidateQueries({ queryKey: orderKeys.payments(payment.data.orderId) });
      if (event.type.startsWith('payment.refund')) {
        void queryClient.invalidateQueries({ queryKey: orderKeys.refunds(payment.data.id) });
      }
    }
    return;
  }
  applyApprovalEvent(event, queryClient);
  applyJobEvent(event, queryClient);
}

/** Keeps the list of my orders live (the `orders` topic). */
export function useOrdersLive(): void {
  useRealtimeEvents(['orders'], applyOrderEvent);
}

/**
 * Keeps one order's page live: the order itself, its payments, its approval request and the AI job
 * that fulfils it.
 */
export function useOrderLive(order: { id: string; approvalId: string | null; aiJobId: string | null } | undefined): void {
  const topics = order
    ? [
        `order:${order.id}`,
        'payments',
        ...(order.approvalId ? [`approval:${order.approvalId}`] : []),
        ...(order.aiJobId ? ['jobs'] : []),
      ]
    : [];
  useRealtimeEvents(topics, applyOrderEvent);
}
