import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { pageSchema, type Page } from '@/lib/page';
import { policySchema, type Policy, type PolicyInput } from './types';

export type PolicyFilters = { active?: boolean | undefined; page: number; size: number };

const policiesPageSchema = pageSchema(policySchema);

export const policiesQueryKey = ['approval-policies'] as const;

export function getPolicies(filters: PolicyFilters, signal?: AbortSignal): Promise<Page<Policy>> {
  return api.get('/api/approval-policies', {
    query: { active: filters.active, page: filters.page, size: filters.size, sort: 'createdAt,desc' },
    schema: policiesPageSchema,
    ...(signal ? { signal } : {}),
  });
}

export function usePolicies(filters: PolicyFilters) {
  return useQuery(
    queryOptions({
      queryKey: [...policiesQueryKey, 'list', filters],
      queryFn: ({ signal }) => getPolicies(filters, signal),
      placeholderData: keepPreviousData,
    }),
  );
}

export function policyQueryKey(id: string) {
  return [...policiesQueryKey, 'detail', id] as const;
}

export function getPolicy(id: string, signal?: AbortSignal): Promise<Policy> {
  return api.get(`/api/approval-policies/${encodeURIComponent(id)}`, {
    schema: policySchema,
    ...(signal ? { signal } : {}),
  });
}

export function usePolicy(id: string) {
  return useQuery(
    queryOptions({
      queryKey: policyQueryKey(id),
      queryFn: ({ signal }) => getPolicy(id, signal),
      // The editor keeps the version it started from; a refetch would hide a conflict.
      staleTime: Infinity,
    }),
  );
}

export function createPolicy(input: PolicyInput): Promise<Policy> {
  return api.post('/api/approval-policies', input, { schema: policySchema });
}

/** Full replacement at the version read (If-Match); a stale version answers 409 version_conflict. */
export function replacePolicy({ id, version, input }: { id: string; version: number; input: PolicyInput }): Promise<Policy> {
  return api.put(`/api/approval-policies/${encodeURIComponent(id)}`, input, {
    headers: { 'If-Match': `"${version}"` },
    schema: policySchema,
  });
}

export function deletePolicy(id: string): Promise<void> {
  return api.delete(`/api/approval-policies/${encodeURIComponent(id)}`);
}

export function useCreatePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPolicy,
    onSuccess: (policy) => {
      queryClient.setQueryData(policyQueryKey(policy.id), policy);
      void queryClient.invalidateQueries({ queryKey: [...policiesQueryKey, 'list'] });
    },
  });
}

export function useReplacePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: replacePolicy,
    onSuccess: (policy) => {
      queryClient.setQueryData(policyQueryKey(policy.id), policy);
      void queryClient.invalidateQueries({ queryKey: [...policiesQueryKey, 'list'] });
    },
  });
}

export function useDeletePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deletePolicy,
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: policyQueryKey(id) });
      void queryClient.invalidateQueries({ queryKey: [...policiesQueryKey, 'list'] });
    },
  });
}
