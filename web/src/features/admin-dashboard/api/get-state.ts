import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { keepNewer } from '@/lib/versioned-cache';
import { serviceStateSchema, type ServiceState } from '../types';

export function getServiceState(signal?: AbortSignal): Promise<ServiceState> {
  return api.get('/api/state', { schema: serviceStateSchema, ...(signal ? { signal } : {}) });
}

export const stateQueryKey = ['admin', 'state'] as const;

export function getServiceStateQueryOptions() {
  return queryOptions({
    queryKey: stateQueryKey,
    queryFn: ({ signal }) => getServiceState(signal),
    // `state.updated` events keep it current while the dashboard is open; events are not replayed,
    // so whenever the dashboard opens again it reads the state afresh.
    staleTime: Infinity,
    refetchOnMount: 'always',
    structuralSharing: keepNewer,
  });
}

/** The live CompositeServiceState: read once, then replaced by every `state.updated` event. */
export function useServiceState() {
  return useQuery(getServiceStateQueryOptions());
}
