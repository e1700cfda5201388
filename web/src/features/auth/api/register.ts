import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { assertSameShape, type ApiSchema } from '@/api/openapi';
import { api } from '@/lib/api-client';
import { sessionResponseSchema, type SessionResponse } from '@/lib/auth/user';
import { startSession } from './login';

/**
 * The server's rules (RegisterRequest): a valid email of at most 255 characters, a password of
 * 8–128 characters (every character counts, spaces too) and a name of 1–255 characters.
 */
export const registerInputSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'auth.validation.emailRequired')
    .max(255, 'auth.validation.emailTooLong')
    .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'auth.validation.emailInvalid'),
  password: z.string().min(8, 'auth.validation.passwordTooShort').max(128, 'auth.validation.passwordTooLong'),
  name: z.string().trim().min(1, 'auth.validation.nameRequired').max(255, 'auth.validation.nameTooLong'),
});
export type RegisterInput = z.infer<typeof registerInputSchema>;
assertSameShape<RegisterInput, ApiSchema<'RegisterRequest'>>(true);

export function register(input: RegisterInput): Promise<SessionResponse> {
  return api.post('/api/auth/register', input, { auth: 'none', schema: sessionResponseSchema });
}

/** Creates the account and signs it in. */
export function useRegister() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: register,
    onSuccess: (response) => startSession(queryClient, response),
  });
}
