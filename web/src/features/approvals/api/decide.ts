import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { writeApproval } from '@/api/approvals';
import type { ApiSchema } from '@/api/openapi';
import { api } from '@/lib/api-client';
import { approvalRequestSchema, DECISIONS, type ApprovalRequest, type Decision } from './types';

/** The server's limit for a decision's comment (after trimming). */
export const MAX_COMMENT = 2000;

/**
 * The decision form's rules, equal to the server's: a comment of at most 2000 characters once trimmed,
 * required to reject or to request changes. Messages are catalogue keys.
 */
export const decisionInputSchema = z
  .object({ decision: z.enum(DECISIONS), comment: z.string() })
  .superRefine((value, context) => {
    const comment = value.comment.trim();
    if (comment.length > MAX_COMMENT) {
      context.addIssue({ code: 'custom', path: ['comment'], message: 'approvals.decide.commentTooLong' });
    } else if (comment === '' && value.decision === 'reject') {
      context.addIssue({ code: 'custom', path: ['comment'], message: 'approvals.decide.commentRequiredReject' });
    } else if (comment === '' && value.decision === 'request_changes') {
      context.addIssue({ code: 'custom', path: ['comment'], message: 'approvals.decide.commentRequiredChanges' });
    }
  });
export type DecisionInput = z.infer<typeof decisionInputSchema>;

export function decide(id: string, input: DecisionInput): Promise<ApprovalRequest> {
  const comment = input.comment.trim();
  const body: ApiSchema<'DecisionRequest'> = { decision: input.decision, comment };
  return api.post(`/api/approvals/${encodeURIComponent(id)}/decisions`, comment ? body : { decision: input.decision }, {
    schema: approvalRequestSchema,
  });
}

export function useDecide(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DecisionInput) => decide(id, input),
    onSuccess: (request) => writeApproval(queryClient, request),
  });
}

export type { Decision };
