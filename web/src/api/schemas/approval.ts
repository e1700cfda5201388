import { z } from 'zod';
import { assertSameKeys, assertSameShape, type ApiSchema } from '@/api/openapi';
import { actorSchema } from './actor';
import { moneySchema } from './money';

/**
 * An approval request as `GET /api/approvals/{id}` answers (docs/api.md "Approvals"). The OpenAPI
 * document does not mark the nullable fields, so the schemas are checked against it key by key
 * (assertSameKeys below): a field added to or removed from the server's shape fails the type check.
 */
export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'changes_requested', 'expired', 'cancelled'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export function isApprovalStatus(value: string | null | undefined): value is ApprovalStatus {
  return (APPROVAL_STATUSES as readonly string[]).includes(value ?? '');
}

export const STAGE_STATUSES = ['waiting', ...APPROVAL_STATUSES] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

export const DECISIONS = ['approve', 'reject', 'request_changes'] as const;
export type Decision = (typeof DECISIONS)[number];

/** How a stage decides and what happens when it times out (in policies and in requests alike). */
export const MODES = ['any', 'all', 'majority'] as const;
export const TIMEOUT_ACTIONS = ['escalate', 'reject'] as const;
assertSameShape<ApprovalStatus, ApiSchema<'ApprovalRequest'>['status']>(true);
assertSameShape<StageStatus, ApiSchema<'ApprovalStage'>['status']>(true);
assertSameShape<Decision, ApiSchema<'ApprovalDecision'>['decision']>(true);
assertSameShape<(typeof MODES)[number], ApiSchema<'ApprovalStage'>['mode']>(true);
assertSameShape<(typeof TIMEOUT_ACTIONS)[number], ApiSchema<'ApprovalStage'>['onTimeout']>(true);

export const decisionSchema = z.object({
  approverId: z.string(),
  approverName: z.string(),
  decision: z.enum(DECISIONS),
  comment: z.string().nullable(),
  at: z.string(),
});
export type ApprovalDecision = z.infer<typeof decisionSchema>;

export const stageSchema = z.object({
  index: z.number().int(),
  name: z.string(),
  mode: z.enum(MODES),
  approverRole: z.string().nullable(),
  approverIds: z.array(z.string()),
  timeoutHours: z.number().int().nullable(),
  onTimeout: z.enum(TIMEOUT_ACTIONS),
  status: z.enum(STAGE_STATUSES),
  approvers: z.array(z.string()),
  escalated: z.boolean(),
  startedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisions: z.array(decisionSchema),
});
export type ApprovalStage = z.infer<typeof stageSchema>;

export const auditEntrySchema = z.object({
  at: z.string(),
  actor: actorSchema,
  action: z.string(),
  fromStatus: z.enum(APPROVAL_STATUSES).nullable(),
  toStatus: z.enum(APPROVAL_STATUSES),
  stage: z.number().int().nullable(),
  round: z.number().int(),
  detail: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const approvalOrderSchema = z.object({
  productId: z.string(),
  productName: z.string(),
  quantity: z.number().int(),
  /** The customer's input of the current round: a generation request, or free-form notes. */
  input: z.unknown().optional(),
});
export type ApprovalOrder = z.infer<typeof approvalOrderSchema>;

export const approvalRequestSchema = z.object({
  id: z.string(),
  resourceType: z.string(),
  resourceId: z.string(),
  requesterId: z.string(),
  /** The requester's display name when the request was opened. */
  requesterName: z.string().nullable(),
  /** The requester's email when the request was opened. */
  requesterEmail: z.string().nullable(),
  /** What the order asks for: approvers may not read the order itself. */
  order: approvalOrderSchema.nullable(),
  policyId: z.string(),
  policyName: z.string(),
  amount: moneySchema,
  category: z.string().nullable(),
  status: z.enum(APPROVAL_STATUSES),
  currentStage: z.number().int().nullable(),
  round: z.number().int(),
  stages: z.array(stageSchema),
  /** Only when read one by one (and in events); listings leave it out. */
  audit: z.array(auditEntrySchema).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  decidedAt: z.string().nullable(),
  version: z.number().int(),
});
export type ApprovalRequest = z.infer<typeof approvalRequestSchema>;

assertSameKeys<ApprovalRequest, ApiSchema<'ApprovalRequest'>>(true);
assertSameKeys<ApprovalStage, ApiSchema<'ApprovalStage'>>(true);
assertSameKeys<ApprovalDecision, ApiSchema<'ApprovalDecision'>>(true);
assertSameKeys<AuditEntry, ApiSchema<'AuditEntry'>>(true);
assertSameKeys<ApprovalOrder, ApiSchema<'ApprovalOrder'>>(true);
