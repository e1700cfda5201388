import { applyJobEvent } from '@/api/jobs';
import { useRealtimeEvents } from '@/lib/realtime/realtime-provider';

const TOPICS = ['jobs'] as const;

/** Keeps the cached jobs live while the calling page is mounted (no polling). */
export function useJobEvents(): void {
  useRealtimeEvents(TOPICS, applyJobEvent);
}
