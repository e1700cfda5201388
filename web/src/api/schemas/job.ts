import { assertSameShape, type ApiSchema } from '@/api/openapi';

/** docs/api.md "AI jobs": the job statuses. */
export const JOB_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
assertSameShape<JobStatus, ApiSchema<'Job'>['status']>(true);
