import { z } from 'zod';
import { assertSameShape, type ApiSchema } from '@/api/openapi';
import { actorSchema } from './actor';
import { moneySchema } from './money';

/**
 * docs/api.md "Orders". The OpenAPI document marks every property required and types money amounts
 * as numbers, while the server sends nulls and decimal strings; so the enums are checked against the
 * document and the objects are checked by parsing the real responses.
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

export function isOrderStatus(value: string | null | undefined): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value ?? '');
}

/** What a timeline entry records, as data (docs/api.md "Orders", timeline kinds and their params). */
export const TIMELINE_KINDS = [
  'order_placed',
  'approval_required',
  'no_approval_needed',
  'changes_requested',
  'input_revised',
  'approved',
  'rejected',
  'approval_expired',
  'paid',
  'ai_job_queued',
  'ai_job_completed',
  'ai_job_failed',
  'ai_job_cancelled',
  'no_generation_input',
  'search_access_granting',
  'search_access_granted',
  'search_access_failed',
  'assigned_to_staff',
  'taken_on_by_staff',
  'completed_by_staff',
  'cancelled',
  'captured_after_failure_refunded',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];
assertSameShape<TimelineKind, NonNullable<ApiSchema<'TimelineEntry'>['kind']>>(true);

export function isTimelineKind(value: string | null | undefined): value is TimelineKind {
  return (TIMELINE_KINDS as readonly string[]).includes(value ?? '');
}

export const timelineEntrySchema = z.object({
  status: z.enum(ORDER_STATUSES),
  at: z.string(),
  actor: actorSchema,
  /** The English sentence; what older entries (without a kind) and unknown kinds show. */
  note: z.string().nullable(),
  // A kind this client does not know yet (a newer server) reads as null: the note stands in.
  kind: z.string().nullable().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
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
