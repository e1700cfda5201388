import { z } from 'zod';
import type { ApiSchema } from '@/api/openapi';

/**
 * An approval request as `GET /api/approvals/{id}` answers (docs/api.md "Approvals"). The OpenAPI
 * document does not mark the nullable fields, so the schemas are checked against it key by key
 * (SameKeys below): a field added to or removed from the server's shape fails the type check.
 */
export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'changes_requested', 'expired', 'cancelled'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const STAGE_STATUSES = ['waiting', ...APPROVAL_STATUSES] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

export const DECISIONS = ['approve', 'reject', 'request_changes'] as const;
export type Decision = (typeof DECISIONS)[number];

export const MODES = ['any', 'all', 'majority'] as const;
export const TIMEOUT_ACTIONS = ['escalate', 'reject'] as const;

const moneySchema = z.object({
  amount: z.string().regex(/^-?\d+(\.\d+)?$/),
  currency: z.string().length(3),
});

const actorSchema = z.object({
  type: z.enum(['user', 'agent', 'system']),
  id: z.string().nullable(),
  name: z.string().nullable(),
});

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

export const approvalRequestSchema = z.object({
  id: z.string(),
  resourceType: z.string(),
  resourceId: z.string(),
  requesterId: z.string(),
  /** The requester's display name when the request was opened. */
  requesterName: z.string().nullable(),
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

/** True when both object types have exactly the same keys. */
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
function assertSameKeys<A, B>(proof: SameKeys<A, B>): void {
  void proof;
}
assertSameKeys<ApprovalRequest, ApiSchema<'ApprovalRequest'>>(true);
assertSameKeys<ApprovalStage, ApiSchema<'ApprovalStage'>>(true);
assertSameKeys<ApprovalDecision, ApiSchema<'ApprovalDecision'>>(true);
assertSameKeys<AuditEntry, ApiSchema<'AuditEntry'>>(true);
assertSameKeys<z.infer<typeof actorSchema>, ApiSchema<'Actor'>>(true);

/** The stage deciding now, if the request is still open. */
export function currentStageOf(request: ApprovalRequest): ApprovalStage | undefined {
  return request.currentStage === null ? undefined : request.stages.find((stage) => stage.index === request.currentStage);
}

/** Whether `userId` may decide now: pending, asked in the current stage, and not yet decided in it. */
export function canDecide(request: ApprovalRequest, userId: string | undefined): boolean {
  if (!userId || request.status !== 'pending' || request.requesterId === userId) {
    return false;
  }
  const stage = currentStageOf(request);
  return (
    stage !== undefined &&
    stage.approvers.includes(userId) &&
    !stage.decisions.some((decision) => decision.approverId === userId)
  );
}
