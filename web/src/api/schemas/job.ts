import { z } from 'zod';
import { assertSameKeys, assertSameShape, type ApiSchema } from '@/api/openapi';

/** docs/api.md "AI jobs": the job statuses. */
export const JOB_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
assertSameShape<JobStatus, ApiSchema<'Job'>['status']>(true);

export const progressSchema = z.object({
  step: z.string().nullable(),
  completedSteps: z.number().int(),
  totalSteps: z.number().int(),
  message: z.string().nullable(),
});
export type Progress = z.infer<typeof progressSchema>;

/**
 * A job as `GET /api/ai/jobs/{id}` renders it and as `job.*` events carry it. The server's
 * OpenAPI document names the same fields but knows neither nullability nor that `estimatedCost` is a
 * decimal string, so the check below compares the field names, not their types.
 */
export const jobSchema = z.object({
  id: z.string(),
  type: z.string(),
  // An unknown future status still renders (as its raw name) instead of failing the page.
  status: z.string(),
  userId: z.string(),
  orderId: z.string().nullable(),
  input: z.unknown(),
  progress: progressSchema,
  priority: z.number().int(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  error: z.string().nullable(),
  cancelRequested: z.boolean(),
  tokenUsage: z.object({ input: z.number(), output: z.number() }),
  estimatedCost: z.union([z.string(), z.number()]).transform(String),
  generatedBy: z.object({ provider: z.string(), model: z.string().nullable() }).nullable(),
  runAt: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  version: z.number().int(),
});
export type Job = z.infer<typeof jobSchema>;
assertSameKeys<Job, ApiSchema<'Job'>>(true);

/** Still to run or running: the job can change (and be cancelled). */
export function isActive(job: Pick<Job, 'status'>): boolean {
  return job.status === 'queued' || job.status === 'running';
}
