import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { searchResultsSchema, type SearchResults, type SearchType } from './schemas/search';

/**
 * The hybrid search (docs/api.md "Search"): anyone may search, a token widens what is found — the
 * caller's own courses, documents and (with search access) uploads; an admin's, everything.
 */
export type SearchFilters = {
  q: string;
  /** None or empty: every kind. */
  types?: readonly SearchType[] | undefined;
  limit?: number | undefined;
};

/** The server's limits on `q` (after trimming). */
export const SEARCH_QUERY_MAX = 500;

export const searchKeys = {
  all: ['search'] as const,
  results: (filters: SearchFilters) => [...searchKeys.all, 'results', filters] as const,
};

export function search(filters: SearchFilters, signal?: AbortSignal): Promise<SearchResults> {
  return api.get('/api/search', {
    auth: 'optional',
    query: {
      q: filters.q.trim(),
      types: filters.types && filters.types.length > 0 ? filters.types.join(',') : undefined,
      limit: filters.limit,
    },
    schema: searchResultsSchema,
    ...(signal ? { signal } : {}),
  });
}

export function getSearchQueryOptions(filters: SearchFilters) {
  return queryOptions({
    queryKey: searchKeys.results(filters),
    queryFn: ({ signal }) => search(filters, signal),
    placeholderData: keepPreviousData,
    // A 400 names what is wrong with the query: asking again would not change the answer.
    retry: false,
  });
}

/** Results for `q`; nothing is asked while `q` is blank. */
export function useSearch(filters: SearchFilters) {
  return useQuery({ ...getSearchQueryOptions(filters), enabled: filters.q.trim() !== '' });
}
