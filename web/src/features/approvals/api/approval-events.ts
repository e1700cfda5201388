import { useRealtimeEvents } from '@/lib/realtime/realtime-provider';
import type { RealtimeEvent } from '@/lib/realtime/realtime-connection';
import { storeApproval } from './decide';
import { approvalRequestSchema, type ApprovalRequest } from './types';

const TOPICS = ['approvals'] as const;

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

/** Keeps the cached approval requests current from the `approvals` topic while the page is open. */
export function useApprovalEvents(): void {
  useRealtimeEvents(TOPICS, (event, queryClient) => {
    const request = approvalFromEvent(event);
    if (request) {
      storeApproval(queryClient, request);
    }
  });
}
