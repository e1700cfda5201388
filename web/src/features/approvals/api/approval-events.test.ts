import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { Page } from '@/lib/page';
import type { RealtimeEvent } from '@/lib/realtime/realtime-connection';
import { approvalRequest, approvedRequest } from '../testing/approval-fixture';
import { approvalFromEvent } from './approval-events';
import { storeApproval } from './decide';
import { approvalQueryKey } from './get-approval';
import { approvalListsQueryKey, type ApprovalFilters } from './get-approvals';
import type { ApprovalRequest } from './types';

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

describe('approval events', () => {
  it('read the request with the order it is about from the subject', () => {
    const request = approvedRequest('Fine');
    expect(approvalFromEvent(event('approval.decided', request))).toEqual(request);
    expect(approvalFromEvent({ ...event('order.updated', request) })).toBeNull();
  });

  it('take a decided request out of the inbox at once, update it elsewhere, and refresh the lists', async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const pending = approvalRequest();
    const { audit: _audit, ...listed } = pending;
    void _audit;
    queryClient.setQueryData([...approvalListsQueryKey, inbox], page([listed]));
    queryClient.setQueryData([...approvalListsQueryKey, asked], page([listed]));
    queryClient.setQueryData(approvalQueryKey(pending.id), pending);

    const decided = approvalFromEvent(event('approval.decided', approvedRequest('Budget confirmed')))!;
    storeApproval(queryClient, decided);

    expect(queryClient.getQueryData<Page<ApprovalRequest>>([...approvalListsQueryKey, inbox])?.items).toEqual([]);
    expect(queryClient.getQueryData<Page<ApprovalRequest>>([...approvalListsQueryKey, asked])?.items[0]?.status).toBe('approved');
    expect(queryClient.getQueryData<ApprovalRequest>(approvalQueryKey(pending.id))?.audit).toHaveLength(2);
    expect(queryClient.getQueryState([...approvalListsQueryKey, inbox])?.isInvalidated).toBe(true);
  });

  it('never replace a newer state with an older one', () => {
    const queryClient = new QueryClient();
    const decided = approvedRequest('Budget confirmed');
    queryClient.setQueryData(approvalQueryKey(decided.id), decided);
    storeApproval(queryClient, approvalRequest());
    expect(queryClient.getQueryData<ApprovalRequest>(approvalQueryKey(decided.id))?.status).toBe('approved');
  });
});
