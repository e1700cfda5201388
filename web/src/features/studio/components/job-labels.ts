import { generationKindOfJobType } from '@/components/generation-request/schema';
import type { MessageKey } from '@/lib/i18n/catalogue';
import type { Translate } from '@/lib/i18n/i18n-provider';
import { JOB_STATUSES, type Job } from '../types';

export function statusLabel(status: string, t: Translate): string {
  return (JOB_STATUSES as readonly string[]).includes(status) ? t(`studio.status.${status}` as MessageKey) : status;
}

export function typeLabel(type: string, t: Translate): string {
  const kind = generationKindOfJobType(type);
  return kind ? t(`studio.type.${kind}`) : type;
}

/** What the job makes, in the customer's words: the course topic or the document title. */
export function jobTitle(job: Pick<Job, 'type' | 'input'>, t: Translate): string {
  const input = job.input !== null && typeof job.input === 'object' ? (job.input as Record<string, unknown>) : {};
  const kind = generationKindOfJobType(job.type);
  const named = kind === 'course' ? input.topic : kind === 'document' ? input.title : undefined;
  return typeof named === 'string' && named.trim() !== '' ? named : typeLabel(job.type, t);
}
