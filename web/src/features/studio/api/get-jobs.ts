import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { pageSchema, type Page } from '@/lib/page';
import { jobSchema, type Job } from '../types';

export const jobsQueryKey = ['studio', 'jobs'] as const;
export const jobListsQueryKey = [...jobsQueryKey, 'list'] as const;

export type JobFilters = { page: number; size: number };

const jobsPageSchema = pageSchema(jobSchema);

/** The caller's own jobs (admins: everyone's), newest first — order fulfilments included. */
export function getJobs(filters: JobFilters, signal?: AbortSignal): Promise<Page<Job>> {
  return api.get('/api/ai/jobs', {
    query: { page: filters.page, size: filters.size, sort: 'createdAt,desc' },
    schema: jobsPageSchema,
    ...(signal ? { signal } : {}),
  });
}

export function getJobsQueryOptions(filters: JobFilters) {
  return queryOptions({
    queryKey: [...jobListsQueryKey, filters],
    queryFn: ({ signal }) => getJobs(filters, signal),
    placeholderData: keepPreviousData,
  });
}

/** Kept current by `useJobEvents` (WebSocket), never by polling. */
export function useJobs(filters: JobFilters) {
  return useQuery(getJobsQueryOptions(filters));
}
