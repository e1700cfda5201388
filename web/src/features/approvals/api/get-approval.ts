import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { approvalsQueryKey } from './get-approvals';
import { approvalRequestSchema, type ApprovalRequest } from './types';

export function getApproval(id: string, signal?: AbortSignal): Promise<ApprovalRequest> {
  return api.get(`/api/approvals/${encodeURIComponent(id)}`, {
    schema: approvalRequestSchema,
    ...(signal ? { signal } : {}),
  });
}

export function approvalQueryKey(id: string) {
  return [...approvalsQueryKey, 'detail', id] as const;
}

export function getApprovalQueryOptions(id: string) {
  return queryOptions({
    queryKey: approvalQueryKey(id),
    queryFn: ({ signal }) => getApproval(id, signal),
  });
}

export function useApproval(id: string) {
  return useQuery(getApprovalQueryOptions(id));
}
