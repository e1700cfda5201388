export {
  ORDER_STATUSES,
  isOrderStatus,
  orderSchema,
  timelineEntrySchema,
  type Order,
  type OrderStatus,
  type TimelineEntry,
} from '@/api/schemas/order';
export { PAYMENT_STATUSES, paymentSchema, refundSchema, type Payment, type Refund } from '@/api/schemas/payment';
