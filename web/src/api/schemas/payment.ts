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
