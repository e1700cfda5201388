import { z } from 'zod';
import { assertSameKeys, type ApiSchema } from '@/api/openapi';

/** docs/api.md "LLM token budget": a user's monthly allowance as `GET /api/ai/budget` renders it. */
export const budgetSchema = z.object({
  userId: z.string(),
  limit: z.number(),
  unlimited: z.boolean(),
  used: z.number(),
  reserved: z.number(),
  remaining: z.number().nullable(),
  resetsAt: z.string(),
  // admin | user | role | default; an unknown future value still renders.
  source: z.string(),
});
export type Budget = z.infer<typeof budgetSchema>;
assertSameKeys<Budget, ApiSchema<'BudgetStatus'>>(true);
