import { z } from 'zod';
import type { ApiSchema, SameShape } from '@/api/openapi';

export { JOB_STATUSES, type JobStatus } from '@/api/schemas/job';

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

const sameFields: SameShape<keyof Job, keyof ApiSchema<'Job'>> = true;
void sameFields;

export function isActive(job: Pick<Job, 'status'>): boolean {
  return job.status === 'queued' || job.status === 'running';
}

/** course-output.schema.json, loosely: extra or missing optional parts never break the page. */
export const courseOutputSchema = z.object({
  title: z.string(),
  description: z.string().default(''),
  prerequisites: z.array(z.string()).default([]),
  modules: z.array(
    z.object({
      title: z.string(),
      summary: z.string().default(''),
      lessons: z.array(
        z.object({
          title: z.string(),
          durationMinutes: z.number().default(0),
          topics: z.array(z.string()).default([]),
          content: z.string().default(''),
          exercises: z.array(z.object({ prompt: z.string(), hint: z.string().default('') })).default([]),
        }),
      ),
      quiz: z
        .object({
          questions: z.array(
            z.object({
              question: z.string(),
              options: z.array(z.string()),
              answerIndex: z.number().int(),
              explanation: z.string().default(''),
            }),
          ),
        })
        .default({ questions: [] }),
    }),
  ),
  assessmentStrategy: z.string().default(''),
});
export type CourseOutput = z.infer<typeof courseOutputSchema>;
export type CourseModule = CourseOutput['modules'][number];
export type QuizQuestion = CourseModule['quiz']['questions'][number];

/** document-output.schema.json. */
export const documentOutputSchema = z.object({
  title: z.string(),
  sections: z.array(z.object({ heading: z.string(), body: z.string() })).default([]),
  markdown: z.string(),
});
export type DocumentOutput = z.infer<typeof documentOutputSchema>;

/** The export formats of `GET /api/ai/jobs/{id}/result`. */
export const EXPORT_FORMATS = {
  markdown: { accept: 'text/markdown', extension: 'md' },
  html: { accept: 'text/html', extension: 'html' },
  pdf: { accept: 'application/pdf', extension: 'pdf' },
} as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;
