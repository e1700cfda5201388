import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { assertSameKeys, type ApiSchema } from '@/api/openapi';
import { budgetSchema, type Budget } from '@/api/schemas/budget';
import { api } from '@/lib/api-client';

/** Admin: the monthly token allowances per role and per user (docs/api.md "LLM token budget"). */
export const ALLOWANCE_ROLES = ['customer', 'approver'] as const;
export type AllowanceRole = (typeof ALLOWANCE_ROLES)[number];

const allowancesSchema = z.object({
  defaultMonthlyTokens: z.number(),
  roles: z.array(z.object({ role: z.string(), monthlyTokens: z.number(), updatedAt: z.string() })),
});
export type Allowances = z.infer<typeof allowancesSchema>;
assertSameKeys<Allowances, ApiSchema<'Allowances'>>(true);

export const tokenBudgetKeys = {
  all: ['token-budgets'] as const,
  roles: () => [...tokenBudgetKeys.all, 'roles'] as const,
  user: (id: string) => [...tokenBudgetKeys.all, 'user', id] as const,
};

export function useAllowances() {
  return useQuery(
    queryOptions({
      queryKey: tokenBudgetKeys.roles(),
      queryFn: ({ signal }) => api.get('/api/admin/token-budgets', { schema: allowancesSchema, signal }),
    }),
  );
}

/** Sets (a number, 0 = unlimited) or removes (null) the allowance of everyone holding the role. */
export function useSetRoleAllowance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ role, monthlyTokens }: { role: AllowanceRole; monthlyTokens: number | null }) => {
      const path = `/api/admin/token-budgets/roles/${role}`;
      const body: ApiSchema<'AllowanceRequest'> = { monthlyTokens: monthlyTokens ?? 0 };
      return monthlyTokens === null
        ? api.delete(path, { schema: allowancesSchema })
        : api.put(path, body, { schema: allowancesSchema });
    },
    onSuccess: (allowances) => {
      queryClient.setQueryData(tokenBudgetKeys.roles(), allowances);
      void queryClient.invalidateQueries({ queryKey: [...tokenBudgetKeys.all, 'user'] });
    },
  });
}

export function useUserBudget(userId: string) {
  return useQuery(
    queryOptions({
      queryKey: tokenBudgetKeys.user(userId),
      queryFn: ({ signal }) =>
        api.get(`/api/admin/token-budgets/users/${encodeURIComponent(userId)}`, { schema: budgetSchema, signal }),
    }),
  );
}

/** Sets (a number, 0 = unlimited) or removes (null) one user's own allowance. */
export function useSetUserAllowance(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (monthlyTokens: number | null): Promise<Budget> => {
      const path = `/api/admin/token-budgets/users/${encodeURIComponent(userId)}`;
      const body: ApiSchema<'AllowanceRequest'> = { monthlyTokens: monthlyTokens ?? 0 };
      return monthlyTokens === null ? api.delete(path, { schema: budgetSchema }) : api.put(path, body, { schema: budgetSchema });
    },
    onSuccess: (budget) => queryClient.setQueryData(tokenBudgetKeys.user(userId), budget),
  });
}
