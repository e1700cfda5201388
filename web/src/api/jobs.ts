import { keepPreviousData, queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { pageSchema, type Page } from '@/lib/page';
import type { RealtimeEvent } from '@/lib/realtime/realtime-connection';
import { keepNewer, writeIntoPages, writeNewer } from '@/lib/versioned-cache';
import { jobSchema, type Job } from './schemas/job';

/**
 * AI jobs, read by the studio and by the order page (the job that fulfils an order), kept current by
 * `job.*` events — never by polling (docs/api.md "AI jobs").
 */
export type JobFilters = { page: number; size: number };

export const jobKeys = {
  all: ['jobs'] as const,
  lists: () => [...jobKeys.all, 'list'] as const,
  list: (filters: JobFilters) => [...jobKeys.lists(), filters] as const,
  detail: (id: string) => [...jobKeys.all, 'detail', id] as const,
};

const jobsPageSchema = pageSchema(jobSchema);

/** The caller's own jobs (admins: everyone's), newest first — order fulfilments included. */
export function getJobs(filters: JobFilters, signal?: AbortSignal): Promise<Page<Job>> {
  return api.get('/api/ai/jobs', {
    query: { page: filters.page, size: filters.size, sort: 'createdAt,desc' },
    schema: jobsPageSchema,
    ...(signal ? { signal } : {}),
  });
}

/** One job: the owner's (an order's job belongs to the customer who ordered it) or, for admins, any. */
export function getJob(id: string, signal?: AbortSignal): Promise<Job> {
  return api.get(`/api/ai/jobs/${encodeURIComponent(id)}`, { schema: jobSchema, ...(signal ? { signal } : {}) });
}

export function getJobsQueryOptions(filters: JobFilters) {
  return queryOptions({
    queryKey: jobKeys.list(filters),
    queryFn: ({ signal }) => getJobs(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function getJobQueryOptions(id: string) {
  return queryOptions({
    queryKey: jobKeys.detail(id),
    queryFn: ({ signal }) => getJob(id, signal),
    structuralSharing: keepNewer,
  });
}

export function useJobs(filters: JobFilters) {
  return useQuery(getJobsQueryOptions(filters));
}

export function useJob(id: string) {
  return useQuery(getJobQueryOptions(id));
}

/**
 * Writes a job the server sent (an answer or a `job.*` event) into the cache: its detail and every
 * cached list page that shows it, unless what is cached is newer. A job no cached list knows yet
 * makes the lists load again.
 */
export function writeJob(queryClient: QueryClient, job: Job): void {
  writeNewer(queryClient, jobKeys.detail(job.id), job);
  if (!writeIntoPages(queryClient, jobKeys.lists(), job)) {
    void queryClient.invalidateQueries({ queryKey: jobKeys.lists() });
  }
}

/** A `job.*` event (topic `jobs`) into the cache; a payload this client cannot read reloads the job. */
export function applyJobEvent(event: RealtimeEvent, queryClient: QueryClient): void {
  if (!event.type.startsWith('job.')) return;
  const parsed = jobSchema.safeParse(event.payload);
  if (parsed.success) {
    writeJob(queryClient, parsed.data);
    return;
  }
  if (event.resourceId) {
    void queryClient.invalidateQueries({ queryKey: jobKeys.detail(event.resourceId) });
  }
  void queryClient.invalidateQueries({ queryKey: jobKeys.lists() });
}
