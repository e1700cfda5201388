import { z } from 'zod';
import { assertSameShape, type ApiSchema } from '@/api/openapi';

/**
 * The shapes of docs/api.md "Orders", "Payments", "Approvals" and "AI jobs" as this feature reads
 * them. The OpenAPI document marks every property required and types money amounts as numbers,
 * while the server sends nulls and decimal strings; so the enums are checked against the document
 * and the objects are checked by parsing the real responses.
 */
export const ORDER_STATUSES = [
  'pending',
  'awaiting_approval',
  'awaiting_payment',
  'paid',
  'fulfilling',
  'completed',
  'rejected',
  'cancelled',
  'failed',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
assertSameShape<OrderStatus, ApiSchema<'OrderSnapshot'>['status']>(true);
assertSameShape<OrderStatus, ApiSchema<'TimelineEntry'>['status']>(true);

export const PAYMENT_STATUSES = ['processing', 'succeeded', 'failed', 'partially_refunded', 'refunded'] as const;
assertSameShape<(typeof PAYMENT_STATUSES)[number], ApiSchema<'Payment'>['status']>(true);

export const ACTOR_TYPES = ['user', 'agent', 'system'] as const;
assertSameShape<(typeof ACTOR_TYPES)[number], ApiSchema<'Actor'>['type']>(true);

export function isOrderStatus(value: string | null | undefined): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value ?? '');
}

export const moneySchema = z.object({
  amount: z.string().regex(/^-?\d+(\.\d+)?$/),
  currency: z.string().length(3),
});

const actorSchema = z.object({
  type: z.enum(ACTOR_TYPES),
  id: z.string().nullable(),
  name: z.string().nullable(),
});

export const timelineEntrySchema = z.object({
  status: z.enum(ORDER_STATUSES),
  at: z.string(),
  actor: actorSchema,
  note: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const orderSchema = z.object({
  id: z.string(),
  userId: z.string(),
  productId: z.string(),
  productName: z.string(),
  // Unknown future categories still render as their raw name.
  category: z.string(),
  quantity: z.number().int(),
  unitPrice: moneySchema,
  total: moneySchema,
  status: z.enum(ORDER_STATUSES),
  input: z.unknown().optional(),
  approvalId: z.string().nullable(),
  paymentId: z.string().nullable(),
  aiJobId: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
  timeline: z.array(timelineEntrySchema),
});
export type Order = z.infer<typeof orderSchema>;

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

const decisionSchema = z.object({
  approverId: z.string(),
  approverName: z.string().nullable(),
  decision: z.string(),
  comment: z.string().nullable(),
  at: z.string(),
});
export type ApprovalDecision = z.infer<typeof decisionSchema>;

const stageSchema = z.object({
  index: z.number().int(),
  name: z.string(),
  mode: z.string(),
  approverRole: z.string().nullable(),
  status: z.string(),
  approvers: z.array(z.string()).nullable(),
  escalated: z.boolean(),
  startedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisions: z.array(decisionSchema),
});
export type ApprovalStage = z.infer<typeof stageSchema>;

/** The approval request of an order, as its requester sees it. */
export const approvalSchema = z.object({
  id: z.string(),
  policyName: z.string().nullable(),
  status: z.string(),
  currentStage: z.number().int().nullable(),
  round: z.number().int(),
  stages: z.array(stageSchema),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  version: z.number().int(),
});
export type Approval = z.infer<typeof approvalSchema>;

/** The AI job fulfilling an order (docs/api.md "AI jobs"); only what the order page shows. */
export const jobSchema = z.object({
  id: z.string(),
  type: z.string(),
  status: z.string(),
  progress: z
    .object({
      step: z.string().nullable(),
      completedSteps: z.number().int(),
      totalSteps: z.number().int().nullable(),
      message: z.string().nullable(),
    })
    .nullable(),
  error: z.string().nullable(),
  orderId: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  version: z.number().int().optional(),
});
export type Job = z.infer<typeof jobSchema>;
