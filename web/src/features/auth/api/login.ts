import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { assertSameShape, type ApiSchema } from '@/api/openapi';
import { api } from '@/lib/api-client';
import { meQueryKey } from '@/lib/auth/get-me';
import { session } from '@/lib/auth/session';
import { sessionResponseSchema, type SessionResponse } from '@/lib/auth/user';

export const loginInputSchema = z.object({
  email: z.string().trim().min(1, 'auth.validation.emailRequired').max(255, 'auth.validation.emailTooLong'),
  password: z.string().min(1, 'auth.validation.passwordRequired').max(1024, 'auth.validation.passwordTooLong'),
});
export type LoginInput = z.infer<typeof loginInputSchema>;
assertSameShape<LoginInput, ApiSchema<'LoginRequest'>>(true);

export function login(input: LoginInput): Promise<SessionResponse> {
  return api.post('/api/auth/login', input, { auth: 'none', schema: sessionResponseSchema });
}

/** After sign-in or sign-up: nothing cached for whoever was signed in before survives; the new user is known at once. */
export async function startSession(queryClient: QueryClient, response: SessionResponse): Promise<void> {
  queryClient.clear();
  queryClient.setQueryData(meQueryKey, response.user);
  await session.establish(response);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: login, onSuccess: (response) => startSession(queryClient, response) });
}
