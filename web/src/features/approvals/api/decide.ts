import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type { ApiSchema } from '@/api/openapi';
import { api } from '@/lib/api-client';
import type { Page } from '@/lib/page';
import { approvalQueryKey } from './get-approval';
import { approvalListsQueryKey, type ApprovalFilters } from './get-approvals';
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

/**
 * Writes a newer state of a request into the cache: its detail (when it carries the audit trail,
 * else the detail is read again), its entries in the cached lists (a request no longer pending
 * leaves the inbox at once), and then the lists are read again — new requests appear, the counts
 * stay right. No polling: this runs on an answer or a WebSocket event.
 */
export function storeApproval(queryClient: QueryClient, request: ApprovalRequest): void {
  const key = approvalQueryKey(request.id);
  if (request.audit !== undefined) {
    queryClient.setQueryData<ApprovalRequest>(key, (cached) => (cached && cached.version > request.version ? cached : request));
  } else {
    void queryClient.invalidateQueries({ queryKey: key });
  }
  queryClient.setQueriesData<Page<ApprovalRequest>>({ queryKey: approvalListsQueryKey }, (page) => {
    if (!page || !page.items.some((item) => item.id === request.id)) {
      return page;
    }
    const { audit: _audit, ...listed } = request;
    void _audit;
    return { ...page, items: page.items.map((item) => (item.id === request.id ? listed : item)) };
  });
  queryClient.setQueriesData<Page<ApprovalRequest>>(
    {
      queryKey: approvalListsQueryKey,
      predicate: (query) => (query.queryKey[2] as ApprovalFilters | undefined)?.view === 'inbox',
    },
    (page) =>
      page && request.status !== 'pending' ? { ...page, items: page.items.filter((item) => item.id !== request.id) } : page,
  );
  void queryClient.invalidateQueries({ queryKey: approvalListsQueryKey });
}

export function useDecide(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DecisionInput) => decide(id, input),
    onSuccess: (request) => storeApproval(queryClient, request),
  });
}

export type { Decision };
