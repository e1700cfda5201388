import { z } from 'zod';

export { JOB_STATUSES, isActive, jobSchema, type Job, type JobStatus } from '@/api/schemas/job';

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
