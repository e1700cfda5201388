import { applyApprovalEvent } from '@/api/approvals';
import { useRealtimeEvents } from '@/lib/realtime/realtime-provider';

const TOPICS = ['approvals'] as const;

/** Keeps the cached approval requests current from the `approvals` topic while the page is open. */
export function useApprovalEvents(): void {
  useRealtimeEvents(TOPICS, applyApprovalEvent);
}
