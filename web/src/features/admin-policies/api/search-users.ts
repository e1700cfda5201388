import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { userSchema } from '@/lib/auth/user';
import { pageSchema } from '@/lib/page';

const usersPageSchema = pageSchema(userSchema);

/** Users whose email or name contains `q` (admin endpoint), for naming a stage's approvers. */
export function useUserSearch(q: string, enabled = true) {
  const term = q.trim();
  return useQuery({
    queryKey: ['approval-policies', 'users', term],
    queryFn: ({ signal }) =>
      api.get('/api/admin/users', {
        query: { q: term || undefined, size: term ? 8 : 100, sort: 'name,asc' },
        schema: usersPageSchema,
        signal,
      }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
