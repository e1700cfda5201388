import { z } from 'zod';
import { assertSameKeys, assertSameShape, type ApiSchema } from '@/api/openapi';

/** Who did something (docs/api.md): a user, an agent or the system, with a display name if any. */
export const ACTOR_TYPES = ['user', 'agent', 'system'] as const;
assertSameShape<(typeof ACTOR_TYPES)[number], ApiSchema<'Actor'>['type']>(true);

export const actorSchema = z.object({
  type: z.enum(ACTOR_TYPES),
  id: z.string().nullable(),
  name: z.string().nullable(),
});
export type Actor = z.infer<typeof actorSchema>;
assertSameKeys<Actor, ApiSchema<'Actor'>>(true);
