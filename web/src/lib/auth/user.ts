import { z } from 'zod';
import { assertSameShape, type ApiSchema } from '@/api/openapi';

export const ROLES = ['customer', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A user as `/api/auth/me` and the admin endpoints answer. */
export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;
assertSameShape<User, ApiSchema<'UserView'>>(true);

/** What sign-up, sign-in and refresh answer: the user and a fresh token pair. */
export const sessionResponseSchema = z.object({
  user: userSchema,
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresIn: z.number(),
  tokenType: z.string(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;
assertSameShape<SessionResponse, ApiSchema<'SessionResponse'>>(true);

export function hasRole(user: Pick<User, 'roles'> | undefined | null, role: Role): boolean {
  return user?.roles.includes(role) ?? false;
}
