import { queryOptions, useQuery } from '@tanstack/react-query';
import { jobKeys } from '@/api/jobs';
import { generationKindOfJobType } from '@/components/generation-request/schema';
import { api } from '@/lib/api-client';
import { ApiError, CLIENT_ERROR_CODES } from '@/lib/problem';
import { courseOutputSchema, documentOutputSchema, type CourseOutput, type DocumentOutput, type Job } from '../types';

export type JobResult = { kind: 'course'; course: CourseOutput } | { kind: 'document'; document: DocumentOutput };

/** The output of a completed course or document job (JSON), parsed for its kind. */
export async function getJobResult(job: Pick<Job, 'id' | 'type'>, signal?: AbortSignal): Promise<JobResult> {
  const output = await api.get<unknown>(`/api/ai/jobs/${encodeURIComponent(job.id)}/result`, {
    ...(signal ? { signal } : {}),
  });
  const kind = generationKindOfJobType(job.type);
  const parsed =
    kind === 'course'
      ? courseOutputSchema.safeParse(output)
      : kind === 'document'
        ? documentOutputSchema.safeParse(output)
        : null;
  if (!parsed?.success) {
    throw new ApiError({ status: 200, code: CLIENT_ERROR_CODES.invalidResponse, detail: 'Unexpected job result' });
  }
  return kind === 'course'
    ? { kind, course: parsed.data as CourseOutput }
    : { kind: 'document', document: parsed.data as DocumentOutput };
}

export function jobResultQueryKey(id: string) {
  return [...jobKeys.all, 'result', id] as const;
}

/** Loads once the job is completed; a finished result never changes. */
export function useJobResult(job: Pick<Job, 'id' | 'type' | 'status'> | undefined) {
  return useQuery(
    queryOptions({
      queryKey: jobResultQueryKey(job?.id ?? ''),
      queryFn: ({ signal }) => getJobResult(job!, signal),
      enabled: job !== undefined && job.status === 'completed' && generationKindOfJobType(job.type) !== null,
      staleTime: Number.POSITIVE_INFINITY,
    }),
  );
}
