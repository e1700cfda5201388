import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { assertSameShape, type ApiSchema } from '@/api/openapi';
import { api } from '@/lib/api-client';
import { userSchema, type Role, type User } from '@/lib/auth/user';
import { pageSchema, type Page } from '@/lib/page';

export type UserFilters = {
  q?: string | undefined;
  role?: Role | undefined;
  page: number;
  size: number;
};

const usersPageSchema = pageSchema(userSchema);
assertSameShape<Page<User>, ApiSchema<'PageResponseUserView'>>(true);

export function getUsers(filters: UserFilters, signal?: AbortSignal): Promise<Page<User>> {
  return api.get('/api/admin/users', {
    query: { q: filters.q?.trim(), role: filters.role, page: filters.page, size: filters.size, sort: 'createdAt,desc' },
    schema: usersPageSchema,
    ...(signal ? { signal } : {}),
  });
}

export const usersQueryKey = ['admin', 'users'] as const;

export function getUsersQueryOptions(filters: UserFilters) {
  return queryOptions({
    queryKey: [...usersQueryKey, 'list', filters],
    queryFn: ({ signal }) => getUsers(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useUsers(filters: UserFilters) {
  return useQuery(getUsersQueryOptions(filters));
}
