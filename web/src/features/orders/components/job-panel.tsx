import { Link } from 'react-router';
import { useJob } from '@/api/jobs';
import type { Job } from '@/api/schemas/job';
import { Alert } from '@/components/ui/alert';
import { Spinner } from '@/components/ui/spinner';
import type { MessageKey } from '@/lib/i18n/catalogue';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';

const STATUS_KEYS: Partial<Record<string, MessageKey>> = {
  queued: 'orders.job.status.queued',
  running: 'orders.job.status.running',
  completed: 'orders.job.status.completed',
  failed: 'orders.job.status.failed',
  cancelled: 'orders.job.status.cancelled',
};

/** Percent done: the durable steps over the announced total (unknown until the outline exists). */
function percent(job: Job): number {
  if (job.status === 'completed') {
    return 100;
  }
  const { totalSteps: total, completedSteps: done } = job.progress;
  return total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
}

export function JobProgress({ job }: { job: Job }) {
  const { t, number } = useI18n();
  const value = percent(job);
  const total = job.progress.totalSteps;
  const done = job.status === 'completed' && total === 0 ? 1 : job.progress.completedSteps;
  const steps =
    total > 0
      ? t('orders.job.steps', { done: number(done), total: number(total) })
      : job.status === 'completed'
        ? `${number(100)}%`
        : t('orders.job.stepsUnknown');
  return (
    <div className="job-progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={t('orders.job.progress')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={`${value}% · ${steps}`}
      >
        <div className={`progress-fill progress-fill-${job.status}`} style={{ width: `${value}%` }} />
      </div>
      <p className="job-progress-text">
        <span>{steps}</span>
        {job.progress.message && job.status !== 'completed' ? <span className="muted"> · {job.progress.message}</span> : null}
      </p>
    </div>
  );
}

/** The AI job that fulfils the order, live from the `jobs` topic, with the way to the result in the studio. */
export function JobPanel({ jobId }: { jobId: string }) {
  const { t } = useI18n();
  const job = useJob(jobId);
  const statusKey = job.data ? STATUS_KEYS[job.data.status] : undefined;
  return (
    <section className="card order-section" aria-labelledby="order-job-title" data-testid="order-job">
      <h2 id="order-job-title">{t('orders.job.title')}</h2>
      {job.isPending ? <Spinner label={t('common.loading')} /> : null}
      {job.isError ? <Alert tone="error">{errorMessage(job.error, t)}</Alert> : null}
      {job.data ? (
        <>
          <p className="job-status">
            <span className={`job-status-badge job-status-${job.data.status}`}>{statusKey ? t(statusKey) : job.data.status}</span>
          </p>
          <JobProgress job={job.data} />
          {job.data.status === 'failed' && job.data.error ? <Alert tone="error">{job.data.error}</Alert> : null}
        </>
      ) : null}
      <p>
        <Link className="btn btn-secondary" to={`/studio/jobs/${jobId}`}>
          {t('orders.job.open')}
        </Link>
      </p>
    </section>
  );
}
