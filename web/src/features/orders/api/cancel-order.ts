import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { orderSchema, type Order } from '../types';
import { writeOrder } from './order-cache';

export function cancelOrder({ orderId, reason }: { orderId: string; reason?: string | undefined }): Promise<Order> {
  return api.post(`/api/orders/${encodeURIComponent(orderId)}/cancel`, reason ? { reason } : {}, { schema: orderSchema });
}

export function useCancelOrder() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: cancelOrder, onSuccess: (order) => writeOrder(queryClient, order) });
}
