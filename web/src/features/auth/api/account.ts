import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { assertSameShape, type ApiSchema } from '@/api/openapi';
import { api } from '@/lib/api-client';
import { meQueryKey } from '@/lib/auth/get-me';
import { sessionResponseSchema, userSchema, type SessionResponse, type User } from '@/lib/auth/user';
import { startSession } from './login';

export const nameInputSchema = z.object({
  name: z.string().trim().min(1, 'auth.validation.nameRequired').max(255, 'auth.validation.nameTooLong'),
});
export type NameInput = z.infer<typeof nameInputSchema>;
assertSameShape<NameInput, ApiSchema<'ProfileChange'>>(true);

export const passwordChangeInputSchema = z
  .object({
    currentPassword: z.string().min(1, 'auth.validation.passwordRequired').max(1024, 'auth.validation.passwordTooLong'),
    newPassword: z.string().min(8, 'auth.validation.passwordTooShort').max(128, 'auth.validation.passwordTooLong'),
    confirmation: z.string(),
  })
  .refine((value) => value.newPassword === value.confirmation, {
    path: ['confirmation'],
    message: 'account.validation.passwordsDiffer',
  });
export type PasswordChangeInput = z.infer<typeof passwordChangeInputSchema>;

export function updateName(input: NameInput): Promise<User> {
  return api.patch('/api/auth/me', input, { schema: userSchema });
}

export function changePassword(input: ApiSchema<'PasswordChange'>): Promise<SessionResponse> {
  return api.post('/api/auth/me/password', input, { schema: sessionResponseSchema });
}

export function useUpdateName() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateName,
    onSuccess: (user) => queryClient.setQueryData(meQueryKey, user),
  });
}

/** Changes the password; the server ends every session and answers a new one, which this tab continues with. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    onSuccess: (response) => startSession(queryClient, response),
  });
}
