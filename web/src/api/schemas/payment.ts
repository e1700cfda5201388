import { z } from 'zod';
import { assertSameShape, type ApiSchema } from '@/api/openapi';
import { moneySchema } from './money';

/** docs/api.md "Payments": a payment attempt of an order. */
export const PAYMENT_STATUSES = ['processing', 'succeeded', 'failed', 'partially_refunded', 'refunded'] as const;
assertSameShape<(typeof PAYMENT_STATUSES)[number], ApiSchema<'Payment'>['status']>(true);

export const paymentSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  amount: moneySchema,
  // What has been refunded of it so far (succeeded refunds).
  refundedAmount: moneySchema.optional(),
  status: z.enum(PAYMENT_STATUSES),
  provider: z.string(),
  paymentMethodType: z.string().nullable(),
  failureCode: z.string().nullable(),
  failureMessage: z.string().nullable(),
  createdAt: z.string(),
  settledAt: z.string().nullable(),
  version: z.number().int(),
});
export type Payment = z.infer<typeof paymentSchema>;

/** docs/api.md "Payments": a refund of a payment (`requestedBy` null and `automatic` for the platform's own). */
export const REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;
assertSameShape<(typeof REFUND_STATUSES)[number], ApiSchema<'Refund'>['status']>(true);

export const refundSchema = z.object({
  id: z.string(),
  paymentId: z.string(),
  amount: moneySchema,
  status: z.enum(REFUND_STATUSES),
  reason: z.string().nullable(),
  automatic: z.boolean(),
  failureCode: z.string().nullable(),
  createdAt: z.string(),
  settledAt: z.string().nullable(),
});
export type Refund = z.infer<typeof refundSchema>;
