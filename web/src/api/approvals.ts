import { keepPreviousData, queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { pageSchema, type Page } from '@/lib/page';
import type { RealtimeEvent } from '@/lib/realtime/realtime-connection';
import { keepNewer, writeIntoPages, writeNewer } from '@/lib/versioned-cache';
import { approvalRequestSchema, type ApprovalRequest, type ApprovalStatus } from './schemas/approval';

/**
 * Approval requests, read by the approvers' inbox and by the order page (its requester may read the
 * request of an order), kept current by `approval.*` events (docs/api.md "Approvals").
 *
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

export const approvalKeys = {
  all: ['approvals'] as const,
  lists: () => [...approvalKeys.all, 'list'] as const,
  list: (filters: ApprovalFilters) => [...approvalKeys.lists(), filters] as const,
  detail: (id: string) => [...approvalKeys.all, 'detail', id] as const,
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

/** One request, with its audit trail. */
export function getApproval(id: string, signal?: AbortSignal): Promise<ApprovalRequest> {
  return api.get(`/api/approvals/${encodeURIComponent(id)}`, {
    schema: approvalRequestSchema,
    ...(signal ? { signal } : {}),
  });
}

export function getApprovalsQueryOptions(filters: ApprovalFilters) {
  return queryOptions({
    queryKey: approvalKeys.list(filters),
    queryFn: ({ signal }) => getApprovals(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function getApprovalQueryOptions(id: string) {
  return queryOptions({
    queryKey: approvalKeys.detail(id),
    queryFn: ({ signal }) => getApproval(id, signal),
    structuralSharing: keepNewer,
  });
}

export function useApprovals(filters: ApprovalFilters) {
  return useQuery(getApprovalsQueryOptions(filters));
}

/** One request; none is read while `id` is null. */
export function useApproval(id: string | null) {
  return useQuery({ ...getApprovalQueryOptions(id ?? ''), enabled: id !== null });
}

/**
 * The request an `approval.*` event carries. The event's own `resourceType`/`resourceId` name the
 * approval request; the order it is about travels as `subject` (docs/api.md "WebSocket").
 */
export function approvalFromEvent(event: RealtimeEvent): ApprovalRequest | null {
  if (!event.type.startsWith('approval.')) {
    return null;
  }
  const { subject, ...rest } = event.payload as {
    subject?: { resourceType?: unknown; resourceId?: unknown };
    id?: unknown;
  };
  const parsed = approvalRequestSchema.safeParse({
    ...rest,
    id: rest.id ?? event.resourceId,
    resourceType: subject?.resourceType,
    resourceId: subject?.resourceId,
  });
  return parsed.success ? parsed.data : null;
}

/**
 * Writes a newer state of a request into the cache: its detail (when it carries the audit trail,
 * else the detail is read again), its entries in the cached lists (a request no longer pending
 * leaves the inbox at once), and then the lists are read again — new requests appear, the counts
 * stay right. No polling: this runs on an answer or a WebSocket event.
 */
export function writeApproval(queryClient: QueryClient, request: ApprovalRequest): void {
  if (request.audit !== undefined) {
    writeNewer(queryClient, approvalKeys.detail(request.id), request);
  } else {
    void queryClient.invalidateQueries({ queryKey: approvalKeys.detail(request.id) });
  }
  const { audit: _audit, ...listed } = request;
  writeIntoPages(queryClient, approvalKeys.lists(), listed);
  queryClient.setQueriesData<Page<ApprovalRequest>>(
    {
      queryKey: approvalKeys.lists(),
      predicate: (query) => (query.queryKey[2] as ApprovalFilters | undefined)?.view === 'inbox',
    },
    (page) =>
      page && request.status !== 'pending' ? { ...page, items: page.items.filter((item) => item.id !== request.id) } : page,
  );
  void queryClient.invalidateQueries({ queryKey: approvalKeys.lists() });
}

/** An `approval.*` event into the cache; a payload this client cannot read reloads the request. */
export function applyApprovalEvent(event: RealtimeEvent, queryClient: QueryClient): void {
  if (!event.type.startsWith('approval.')) return;
  const request = approvalFromEvent(event);
  if (request) {
    writeApproval(queryClient, request);
  } else if (event.resourceId) {
    void queryClient.invalidateQueries({ queryKey: approvalKeys.detail(event.resourceId) });
  }
}
