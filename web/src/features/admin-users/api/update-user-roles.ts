import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiSchema } from '@/api/openapi';
import { api } from '@/lib/api-client';
import { meQueryKey } from '@/lib/auth/get-me';
import { userSchema, type Role, type User } from '@/lib/auth/user';
import type { Page } from '@/lib/page';
import { usersQueryKey } from './get-users';

export type UpdateUserRolesInput = { userId: string; roles: Role[] };

export function updateUserRoles({ userId, roles }: UpdateUserRolesInput): Promise<User> {
  const body: ApiSchema<'RolesRequest'> = { roles };
  return api.put(`/api/admin/users/${encodeURIComponent(userId)}/roles`, body, { schema: userSchema });
}

/** Changes a user's roles and writes the answer into every cached page that shows the user. */
export function useUpdateUserRoles() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUserRoles,
    onSuccess: (updated) => {
      queryClient.setQueriesData<Page<User>>({ queryKey: [...usersQueryKey, 'list'] }, (page) =>
        page ? { ...page, items: page.items.map((user) => (user.id === updated.id ? updated : user)) } : page,
      );
      void queryClient.invalidateQueries({ queryKey: usersQueryKey });
      const me = queryClient.getQueryData<User>(meQueryKey);
      if (me?.id === updated.id) {
        void queryClient.invalidateQueries({ queryKey: meQueryKey });
      }
    },
  });
}
