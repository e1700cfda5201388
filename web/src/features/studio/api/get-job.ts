import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { jobSchema, type Job } from '../types';
import { jobsQueryKey } from './get-jobs';

export function jobQueryKey(id: string) {
  return [...jobsQueryKey, 'detail', id] as const;
}

/** One job: the owner's (an order's job belongs to the customer who ordered it) or, for admins, any. */
export function getJob(id: string, signal?: AbortSignal): Promise<Job> {
  return api.get(`/api/ai/jobs/${encodeURIComponent(id)}`, { schema: jobSchema, ...(signal ? { signal } : {}) });
}

export function getJobQueryOptions(id: string) {
  return queryOptions({ queryKey: jobQueryKey(id), queryFn: ({ signal }) => getJob(id, signal) });
}

/** Kept current by `useJobEvents` (WebSocket), never by polling. */
export function useJob(id: string) {
  return useQuery(getJobQueryOptions(id));
}
