import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { pageSchema, type Page } from '@/lib/page';
import { approvalRequestSchema, type ApprovalRequest, type ApprovalStatus } from './types';

/**
 * The two views of the inbox: `inbox` — pending requests waiting for my decision now (`assignedToMe`);
 * `asked` — every request that asked me in some stage or that I decided, optionally of one status
 * (`askedMe`: a pending request I already decided while others still must is found here).
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
      ...(filters.view === 'inbox' ? { status: 'pending', assignedToMe: true } : { status: filters.status, askedMe: true }),
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
