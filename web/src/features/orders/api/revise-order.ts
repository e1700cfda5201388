import { useMutation, useQueryClient } from '@tanstack/react-query';
import { approvalKeys } from '@/api/approvals';
import { api } from '@/lib/api-client';
import { orderSchema, type Order } from '../types';
import { writeOrder } from './order-cache';

/** Sends a revised request after an approver asked for changes; the approval reopens (PATCH /api/orders/{id}). */
export function reviseOrder({ orderId, input }: { orderId: string; input: unknown }): Promise<Order> {
  return api.patch(`/api/orders/${encodeURIComponent(orderId)}`, { input }, { schema: orderSchema });
}

export function useReviseOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reviseOrder,
    onSuccess: (order) => {
      writeOrder(queryClient, order);
      if (order.approvalId) {
        void queryClient.invalidateQueries({ queryKey: approvalKeys.detail(order.approvalId) });
      }
    },
  });
}
