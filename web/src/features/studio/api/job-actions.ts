import { useMutation, useQueryClient } from '@tanstack/react-query';
import { writeJob } from '@/api/jobs';
import type { ApiSchema } from '@/api/openapi';
import { JOB_TYPES, type GenerationInput, type GenerationKind } from '@/components/generation-request/schema';
import { api } from '@/lib/api-client';
import { jobSchema, type Job } from '../types';

export type CreateJobInput = { kind: GenerationKind; input: GenerationInput };

/** `POST /api/ai/jobs`: 202 and the queued job; 422 invalid_input, 429 budget_exceeded. */
export function createJob({ kind, input }: CreateJobInput): Promise<Job> {
  const body: Omit<ApiSchema<'CreateJobRequest'>, 'input'> & { input: GenerationInput } = {
    type: JOB_TYPES[kind],
    input,
  };
  return api.post('/api/ai/jobs', body, { schema: jobSchema });
}

export function useCreateJob() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createJob, onSuccess: (job) => writeJob(queryClient, job) });
}

/** Queued: cancelled at once; running: `cancelRequested`, stops at its next step; else 409. */
export function cancelJob(id: string): Promise<Job> {
  return api.post(`/api/ai/jobs/${encodeURIComponent(id)}/cancel`, undefined, { schema: jobSchema });
}

/** Failed jobs only (else 409): queued again, resuming after its finished steps. */
export function retryJob(id: string): Promise<Job> {
  return api.post(`/api/ai/jobs/${encodeURIComponent(id)}/retry`, undefined, { schema: jobSchema });
}

export function useCancelJob() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: cancelJob, onSuccess: (job) => writeJob(queryClient, job) });
}

export function useRetryJob() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: retryJob, onSuccess: (job) => writeJob(queryClient, job) });
}
