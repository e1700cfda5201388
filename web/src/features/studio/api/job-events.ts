import type { QueryClient } from '@tanstack/react-query';
import { applyJobEvent } from '@/api/jobs';
import type { RealtimeEvent } from '@/lib/realtime/realtime-connection';
import { useRealtimeEvents } from '@/lib/realtime/realtime-provider';
import { budgetKeys } from './get-budget';

const TOPICS = ['jobs'] as const;
const ENDINGS = new Set(['job.completed', 'job.failed', 'job.cancelled']);

/** A job event into the cache; a job that ended settled its reservation, so the allowance is read again. */
function applyStudioJobEvent(event: RealtimeEvent, queryClient: QueryClient): void {
  applyJobEvent(event, queryClient);
  if (ENDINGS.has(event.type)) {
    void queryClient.invalidateQueries({ queryKey: budgetKeys.all });
  }
}

/** Keeps the cached jobs (and the allowance) live while the calling page is mounted (no polling). */
export function useJobEvents(): void {
  useRealtimeEvents(TOPICS, applyStudioJobEvent);
}
