import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { Page } from '@/lib/page';
import type { RealtimeEvent } from '@/lib/realtime/realtime-connection';
import { approvalRequest, approvedRequest } from '@/testing/fixtures';
import { applyApprovalEvent, approvalFromEvent, approvalKeys, writeApproval, type ApprovalFilters } from './approvals';
import type { ApprovalRequest } from './schemas/approval';

/** An event as the server sends it: the order travels as `subject`, the envelope names the request. */
function event(type: string, request: ApprovalRequest): RealtimeEvent {
  const { resourceType, resourceId, ...rest } = request;
  return {
    type,
    eventId: 42,
    resourceType: 'approval',
    resourceId: request.id,
    payload: {
      eventId: 42,
      ...rest,
      resourceType: 'approval',
      resourceId: request.id,
      previousStatus: 'pending',
      subject: { resourceType, resourceId },
    },
  };
}

const inbox: ApprovalFilters = { view: 'inbox', page: 0, size: 20 };
const asked: ApprovalFilters = { view: 'asked', page: 0, size: 20 };
const page = (items: ApprovalRequest[]): Page<ApprovalRequest> => ({ items, page: 0, size: 20, total: items.length });

describe('approval requests in the cache', () => {
  it('read the request with the order it is about from the subject', () => {
    const request = approvedRequest('Fine');
    expect(approvalFromEvent(event('approval.decided', request))).toEqual(request);
    expect(approvalFromEvent({ ...event('order.updated', request) })).toBeNull();
  });

  it('take a decided request out of the inbox at once, update it elsewhere, and refresh the lists', async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const pending = approvalRequest();
    const { audit: _audit, ...listed } = pending;
    queryClient.setQueryData(approvalKeys.list(inbox), page([listed]));
    queryClient.setQueryData(approvalKeys.list(asked), page([listed]));
    queryClient.setQueryData(approvalKeys.detail(pending.id), pending);

    applyApprovalEvent(event('approval.decided', approvedRequest('Budget confirmed')), queryClient);

    expect(queryClient.getQueryData<Page<ApprovalRequest>>(approvalKeys.list(inbox))?.items).toEqual([]);
    expect(queryClient.getQueryData<Page<ApprovalRequest>>(approvalKeys.list(asked))?.items[0]?.status).toBe('approved');
    expect(queryClient.getQueryData<ApprovalRequest>(approvalKeys.detail(pending.id))?.audit).toHaveLength(2);
    expect(queryClient.getQueryState(approvalKeys.list(inbox))?.isInvalidated).toBe(true);
  });

  it('never replace a newer state with an older one, in the detail or in a list', () => {
    const queryClient = new QueryClient();
    const decided = approvedRequest('Budget confirmed');
    const { audit: _audit, ...listed } = decided;
    queryClient.setQueryData(approvalKeys.detail(decided.id), decided);
    queryClient.setQueryData(approvalKeys.list(asked), page([listed]));

    writeApproval(queryClient, approvalRequest());

    expect(queryClient.getQueryData<ApprovalRequest>(approvalKeys.detail(decided.id))?.status).toBe('approved');
    expect(queryClient.getQueryData<Page<ApprovalRequest>>(approvalKeys.list(asked))?.items[0]?.status).toBe('approved');
  });

  it('read the request again when an event carries what this client cannot read', () => {
    const queryClient = new QueryClient();
    const pending = approvalRequest();
    queryClient.setQueryData(approvalKeys.detail(pending.id), pending);

    applyApprovalEvent({ ...event('approval.decided', pending), payload: { status: 'something new' } }, queryClient);

    expect(queryClient.getQueryState(approvalKeys.detail(pending.id))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryData<ApprovalRequest>(approvalKeys.detail(pending.id))?.status).toBe('pending');
  });
});
