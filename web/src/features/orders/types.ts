export {
  ORDER_STATUSES,
  isOrderStatus,
  orderSchema,
  timelineEntrySchema,
  type Order,
  type OrderStatus,
  type TimelineEntry,
} from '@/api/schemas/order';
export { PAYMENT_STATUSES, paymentSchema, type Payment } from '@/api/schemas/payment';
