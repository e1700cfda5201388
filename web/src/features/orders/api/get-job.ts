import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { jobSchema, type Job } from '../types';
import { keepNewest } from './order-cache';
import { orderKeys } from './query-keys';

/** The AI job that fulfils an order (GET /api/ai/jobs/{id}). */
export function getJob(id: string, signal?: AbortSignal): Promise<Job> {
  return api.get(`/api/ai/jobs/${encodeURIComponent(id)}`, { schema: jobSchema, ...(signal ? { signal } : {}) });
}

export function useJob(id: string | null) {
  return useQuery(
    queryOptions({
      queryKey: orderKeys.job(id ?? ''),
      queryFn: ({ signal }) => getJob(id ?? '', signal),
      enabled: id !== null,
      structuralSharing: keepNewest,
    }),
  );
}
