import { queryOptions, useQuery } from '@tanstack/react-query';
import { budgetSchema, type Budget } from '@/api/schemas/budget';
import { api } from '@/lib/api-client';

export type { Budget };

export const budgetKeys = { all: ['ai-budget'] as const };

/** `GET /api/ai/budget`: the caller's monthly token allowance. */
export function getBudget(signal?: AbortSignal): Promise<Budget> {
  return api.get('/api/ai/budget', { schema: budgetSchema, ...(signal ? { signal } : {}) });
}

export function getBudgetQueryOptions() {
  return queryOptions({ queryKey: budgetKeys.all, queryFn: ({ signal }) => getBudget(signal) });
}

export function useBudget() {
  return useQuery(getBudgetQueryOptions());
}
