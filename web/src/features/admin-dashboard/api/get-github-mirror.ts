import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { gitHubMirrorSchema, type GitHubMirror } from '../types';

export function getGitHubMirror(signal?: AbortSignal): Promise<GitHubMirror> {
  return api.get('/api/integrations/github', { schema: gitHubMirrorSchema, ...(signal ? { signal } : {}) });
}

export const gitHubMirrorQueryKey = ['admin', 'github-mirror'] as const;

export function getGitHubMirrorQueryOptions() {
  return queryOptions({
    queryKey: gitHubMirrorQueryKey,
    queryFn: ({ signal }) => getGitHubMirror(signal),
    // No event carries the mirror's state: read it when the dashboard opens and once a minute while it is open.
    staleTime: 0,
    refetchInterval: 60_000,
  });
}

/** The GitHub mirror's state for the admin dashboard. */
export function useGitHubMirror() {
  return useQuery(getGitHubMirrorQueryOptions());
}
