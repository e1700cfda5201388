import type { QueryClient } from '@tanstack/react-query';
import type { RealtimeEvent } from '@/lib/realtime/realtime-connection';
import { useRealtimeEvents } from '@/lib/realtime/realtime-provider';
import { jobSchema } from '../types';
import { jobListsQueryKey } from './get-jobs';
import { jobQueryKey } from './get-job';
import { writeJob } from './job-cache';

/** A `job.*` event (topic `jobs`) into the cache; a payload this client cannot read reloads the job. */
export function applyJobEvent(event: RealtimeEvent, queryClient: QueryClient): void {
  if (!event.type.startsWith('job.')) return;
  const parsed = jobSchema.safeParse(event.payload);
  if (parsed.success) {
    writeJob(queryClient, parsed.data);
    return;
  }
  if (event.resourceId) {
    void queryClient.invalidateQueries({ queryKey: jobQueryKey(event.resourceId) });
  }
  void queryClient.invalidateQueries({ queryKey: jobListsQueryKey });
}

const TOPICS = ['jobs'] as const;

/** Keeps the cached jobs live while the calling page is mounted (no polling). */
export function useJobEvents(): void {
  useRealtimeEvents(TOPICS, applyJobEvent);
}
