import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { assertSameShape, type ApiSchema } from '@/api/openapi';
import { api } from '@/lib/api-client';

export const forgotPasswordInputSchema = z.object({
  email: z.string().trim().min(1, 'auth.validation.emailRequired').max(255, 'auth.validation.emailTooLong'),
});
export type ForgotPasswordInput = z.infer<typeof forgotPasswordInputSchema>;
assertSameShape<ForgotPasswordInput, ApiSchema<'ResetRequest'>>(true);

/** The server's rules for a new password (8–128 characters), typed twice. */
export const newPasswordInputSchema = z
  .object({
    password: z.string().min(8, 'auth.validation.passwordTooShort').max(128, 'auth.validation.passwordTooLong'),
    confirmation: z.string(),
  })
  .refine((value) => value.password === value.confirmation, {
    path: ['confirmation'],
    message: 'account.validation.passwordsDiffer',
  });
export type NewPasswordInput = z.infer<typeof newPasswordInputSchema>;

/** Asks for a reset link; answered 202 whether or not the email has an account. */
export function requestPasswordReset(input: ForgotPasswordInput): Promise<unknown> {
  return api.post('/api/auth/password-reset', input, { auth: 'none' });
}

/** Sets the new password with the link's token; every session of the account ends. */
export function confirmPasswordReset(input: { token: string; password: string }): Promise<unknown> {
  return api.post('/api/auth/password-reset/confirm', input, { auth: 'none' });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}

export function useConfirmPasswordReset() {
  return useMutation({ mutationFn: confirmPasswordReset });
}

/** The token of a reset link: `/reset-password#token=…` (a fragment, so it never reaches a server log). */
export function resetTokenOf(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && /^[A-Za-z0-9_-]{16,512}$/.test(token) ? token : null;
}
