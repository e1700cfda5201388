import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { pageSchema, type Page } from '@/lib/page';
import { approvalRequestSchema, type ApprovalRequest, type ApprovalStatus } from './types';

/**
 * The two views of the inbox: `inbox` — pending requests waiting for my decision now; `asked` — every
 * request whose stages asked me (decided or not), optionally of one status.
 */
export type ApprovalsView = 'inbox' | 'asked';

export type ApprovalFilters = {
  view: ApprovalsView;
  status?: ApprovalStatus | undefined;
  page: number;
  size: number;
};

const approvalsPageSchema = pageSchema(approvalRequestSchema);

export function getApprovals(filters: ApprovalFilters, signal?: AbortSignal): Promise<Page<ApprovalRequest>> {
  return api.get('/api/approvals', {
    query: {
      status: filters.view === 'inbox' ? 'pending' : filters.status,
      assignedToMe: true,
      page: filters.page,
      size: filters.size,
      sort: 'createdAt,desc',
    },
    schema: approvalsPageSchema,
    ...(signal ? { signal } : {}),
  });
}

export const approvalsQueryKey = ['approvals'] as const;
export const approvalListsQueryKey = [...approvalsQueryKey, 'list'] as const;

export function getApprovalsQueryOptions(filters: ApprovalFilters) {
  return queryOptions({
    queryKey: [...approvalListsQueryKey, filters],
    queryFn: ({ signal }) => getApprovals(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useApprovals(filters: ApprovalFilters) {
  return useQuery(getApprovalsQueryOptions(filters));
}
