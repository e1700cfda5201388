import { useId } from 'react';
import { useI18n } from '@/lib/i18n/i18n-provider';
import type { Job } from '../types';

/**
 * The job's progress as a progress bar: `completedSteps` of `totalSteps` (`aria-valuenow` /
 * `aria-valuemax`), and the worker's message. Before the outline exists the number of steps is
 * unknown (0): the bar is then indeterminate (no `aria-valuenow`). A completed job shows a full bar.
 */
export function JobProgress({ job, label }: { job: Pick<Job, 'status' | 'progress' | 'cancelRequested'>; label: string }) {
  const { t, number } = useI18n();
  const textId = useId();
  const { completedSteps, totalSteps, message } = job.progress;
  const completed = job.status === 'completed';
  const max = completed ? Math.max(totalSteps, 1) : totalSteps;
  const now = completed ? max : Math.min(completedSteps, totalSteps);
  const known = max > 0;
  const percent = known ? Math.round((now / max) * 100) : 0;
  const steps = known ? t('studio.progress.steps', { done: number(now), total: number(max) }) : null;
  const summary = completed
    ? t('studio.progress.done')
    : job.status === 'queued' && !known
      ? t('studio.progress.waiting')
      : !known
        ? t('studio.progress.starting')
        : null;
  const note =
    job.cancelRequested && (job.status === 'running' || job.status === 'queued') ? t('studio.progress.cancelling') : null;
  const valueText = [steps, summary, message].filter(Boolean).join(' — ');

  return (
    <div className={`job-progress job-progress-${job.status}`}>
      <div
        role="progressbar"
        aria-label={label}
        aria-describedby={textId}
        aria-valuemin={0}
        {...(known ? { 'aria-valuemax': max, 'aria-valuenow': now } : {})}
        aria-valuetext={valueText || undefined}
        className={['job-progress-track', known ? null : 'job-progress-indeterminate'].filter(Boolean).join(' ')}
      >
        <div className="job-progress-fill" style={{ width: known ? `${percent}%` : undefined }} />
      </div>
      <p id={textId} className="job-progress-text">
        {steps ? <span className="job-progress-steps">{steps}</span> : null}
        {summary ? <span>{summary}</span> : null}
        {!completed && message ? <span className="job-progress-message">{message}</span> : null}
        {note ? <span className="job-progress-note">{note}</span> : null}
      </p>
    </div>
  );
}
