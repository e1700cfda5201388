import { z } from 'zod';
import {
  approvalRequestSchema,
  decisionSchema as approvalDecisionSchema,
  stageSchema as approvalStageSchema,
} from '@/api/schemas/approval';

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

/*
 * The approval request of an order, as its requester sees it: the shared shape, with only the fields
 * the order page shows and read leniently (a value this page does not know still renders).
 */
const decisionSchema = approvalDecisionSchema.extend({
  approverName: z.string().nullable(),
  decision: z.string(),
});
export type ApprovalDecision = z.infer<typeof decisionSchema>;

const stageSchema = approvalStageSchema.omit({ approverIds: true, timeoutHours: true, onTimeout: true }).extend({
  mode: z.string(),
  status: z.string(),
  approvers: z.array(z.string()).nullable(),
  decisions: z.array(decisionSchema),
});
export type ApprovalStage = z.infer<typeof stageSchema>;

export const approvalSchema = approvalRequestSchema
  .pick({ id: true, currentStage: true, round: true, createdAt: true, decidedAt: true, version: true })
  .extend({
    policyName: z.string().nullable(),
    status: z.string(),
    stages: z.array(stageSchema),
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
