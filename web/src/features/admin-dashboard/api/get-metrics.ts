import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { metricsSummarySchema, type MetricsSummary } from '../types';

export const WINDOWS = [6, 24, 72, 168] as const;
export type MetricsWindowHours = (typeof WINDOWS)[number];

export function getMetrics(hours: MetricsWindowHours, signal?: AbortSignal): Promise<MetricsSummary> {
  return api.get('/api/admin/metrics/summary', {
    query: { hours },
    schema: metricsSummarySchema,
    ...(signal ? { signal } : {}),
  });
}

export const metricsQueryKey = ['admin', 'metrics'] as const;

export function getMetricsQueryOptions(hours: MetricsWindowHours) {
  return queryOptions({
    queryKey: [...metricsQueryKey, hours],
    queryFn: ({ signal }) => getMetrics(hours, signal),
    placeholderData: keepPreviousData,
    // Read afresh whenever the dashboard opens; while it is open, live events trigger the reads.
    staleTime: 0,
  });
}

/** The summary over the last `hours`; read again when live events say the numbers moved (no polling). */
export function useMetrics(hours: MetricsWindowHours) {
  return useQuery(getMetricsQueryOptions(hours));
}
