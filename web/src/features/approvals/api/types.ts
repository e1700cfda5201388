import type { ApprovalRequest, ApprovalStage } from '@/api/schemas/approval';

export {
  APPROVAL_STATUSES,
  DECISIONS,
  MODES,
  STAGE_STATUSES,
  TIMEOUT_ACTIONS,
  approvalRequestSchema,
  auditEntrySchema,
  isApprovalStatus,
  decisionSchema,
  stageSchema,
  type ApprovalDecision,
  type ApprovalRequest,
  type ApprovalStage,
  type ApprovalStatus,
  type AuditEntry,
  type Decision,
  type StageStatus,
} from '@/api/schemas/approval';

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
    stage !== undefined && stage.approvers.includes(userId) && !stage.decisions.some((decision) => decision.approverId === userId)
  );
}
