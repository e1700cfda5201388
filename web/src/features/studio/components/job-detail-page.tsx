import { useQueryClient } from '@tanstack/react-query';
import { Fragment, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useJob, writeJob } from '@/api/jobs';
import { generationKindOfJobType } from '@/components/generation-request/schema';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Page } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import { useUser } from '@/lib/auth/get-me';
import { hasRole } from '@/lib/auth/user';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { isApiError } from '@/lib/problem';
import { downloadJobResult } from '../api/download-job-result';
import { useJobResult } from '../api/get-job-result';
import { createJob, useCancelJob, useRetryJob } from '../api/job-actions';
import { useJobEvents } from '../api/job-events';
import { EXPORT_FORMATS, isActive, type ExportFormat, type Job } from '../types';
import { CourseView } from './course-view';
import { DocumentView } from './document-view';
import { jobTitle, statusLabel, typeLabel } from './job-labels';
import { JobProgress } from './job-progress';
import { JobStatusBadge } from './job-status-badge';

/** One job: its state live, what it made when completed, downloads, cancel and retry. */
export function JobDetailPage() {
  const { jobId = '' } = useParams();
  const { t } = useI18n();
  const job = useJob(jobId);
  useJobEvents();

  if (job.isPending) {
    return (
      <Page title={t('studio.job.title')}>
        <Spinner label={t('common.loading')} />
      </Page>
    );
  }
  if (job.isError) {
    return (
      <Page title={t('studio.job.title')}>
        <BackLink />
        <Alert tone="error">{errorMessage(job.error, t)}</Alert>
      </Page>
    );
  }
  return <JobDetail job={job.data} />;
}

function BackLink() {
  const { t } = useI18n();
  return (
    <p className="back-link">
      <Link to="/studio">← {t('studio.job.back')}</Link>
    </p>
  );
}

function JobDetail({ job }: { job: Job }) {
  const { t, dateTime, number, money } = useI18n();
  const user = useUser();
  const admin = hasRole(user.data, 'admin');
  const title = jobTitle(job, t);
  const kind = generationKindOfJobType(job.type);
  const result = useJobResult(job);
  const cancel = useCancelJob();
  const retry = useRetryJob();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  // Customers may not cancel or retry the job of an order they paid for (the server answers 409).
  const ownJob = job.orderId === null;
  const canCancel = isActive(job) && !job.cancelRequested && (ownJob || admin);
  const canRetry = job.status === 'failed' && ownJob;
  const canRepeat = job.status === 'cancelled' && ownJob && kind !== null;

  async function run(name: string, action: () => Promise<unknown>) {
    setActionError(null);
    setBusy(name);
    try {
      await action();
    } catch (error) {
      setActionError(errorMessage(error, t));
    } finally {
      setBusy(null);
    }
  }

  const details: [string, ReactNode][] = [
    [t('studio.job.type'), typeLabel(job.type, t)],
    [t('studio.job.status'), <JobStatusBadge key="status" status={job.status} />],
    [t('studio.job.attempts'), t('studio.job.attemptsValue', { attempts: number(job.attempts), max: number(job.maxAttempts) })],
    [t('studio.job.created'), dateTime(job.createdAt)],
  ];
  if (job.startedAt) details.push([t('studio.job.started'), dateTime(job.startedAt)]);
  if (job.completedAt) details.push([t('studio.job.finished'), dateTime(job.completedAt)]);
  details.push([
    t('studio.job.tokens'),
    t('studio.job.tokensValue', { input: number(job.tokenUsage.input), output: number(job.tokenUsage.output) }),
  ]);
  details.push([t('studio.job.cost'), money({ amount: job.estimatedCost, currency: 'USD' })]);
  if (job.generatedBy) {
    details.push([
      t('studio.job.generatedBy'),
      job.generatedBy.provider === 'offline'
        ? t('studio.job.offline')
        : [job.generatedBy.provider, job.generatedBy.model].filter(Boolean).join(' · '),
    ]);
  }
  if (job.orderId) {
    details.push([
      t('studio.job.order'),
      <Link key="order" to={`/orders/${job.orderId}`}>
        {t('studio.job.openOrder')}
      </Link>,
    ]);
  }

  return (
    <Page title={title}>
      <BackLink />
      <section className="card job-state" aria-labelledby="job-state-title">
        <h2 id="job-state-title">{t('studio.job.state')}</h2>
        <p className="visually-hidden" aria-live="polite">
          {t('studio.job.statusNow', { status: statusLabel(job.status, t) })}
        </p>
        <JobProgress job={job} label={t('studio.progress.label', { title })} />
        {job.error && job.status !== 'completed' ? (
          <Alert tone={job.status === 'failed' ? 'error' : 'info'} title={t('studio.job.error')}>
            {job.error}
          </Alert>
        ) : null}
        <dl className="details">
          {details.map(([term, value]) => (
            <Fragment key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </Fragment>
          ))}
        </dl>
        {actionError ? (
          <Alert tone="error" title={t('studio.job.actionFailed')}>
            {actionError}
          </Alert>
        ) : null}
        {canCancel || canRetry || canRepeat ? (
          <div className="job-actions">
            {canCancel ? (
              <Button
                variant="danger"
                busy={busy === 'cancel'}
                onClick={() => void run('cancel', () => cancel.mutateAsync(job.id))}
              >
                {t('studio.job.cancel')}
              </Button>
            ) : null}
            {canRetry ? (
              <Button busy={busy === 'retry'} onClick={() => void run('retry', () => retry.mutateAsync(job.id))}>
                {t('studio.job.retry')}
              </Button>
            ) : null}
            {canRepeat ? (
              <Button
                busy={busy === 'repeat'}
                onClick={() =>
                  void run('repeat', async () => {
                    const again = await createJob({ kind, input: job.input as never });
                    writeJob(queryClient, again);
                    await navigate(`/studio/jobs/${again.id}`);
                  })
                }
              >
                {t('studio.job.repeat')}
              </Button>
            ) : null}
          </div>
        ) : null}
        {job.orderId && !admin && isActive(job) ? <p className="muted">{t('studio.job.orderJobNote')}</p> : null}
      </section>

      {job.status === 'completed' && kind ? (
        <section className="job-result" aria-label={t('studio.job.result')}>
          <Downloads job={job} title={title} />
          {result.isPending ? <Spinner label={t('studio.job.loadingResult')} /> : null}
          {result.isError ? <Alert tone="error">{errorMessage(result.error, t)}</Alert> : null}
          {result.data?.kind === 'course' ? <CourseView course={result.data.course} /> : null}
          {result.data?.kind === 'document' ? <DocumentView document={result.data.document} /> : null}
        </section>
      ) : null}
    </Page>
  );
}

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'result'
  );
}

function Downloads({ job, title }: { job: Job; title: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function download(format: ExportFormat) {
    setError(null);
    setBusy(format);
    try {
      await downloadJobResult(job.id, format, slug(title));
    } catch (failure) {
      setError(isApiError(failure) ? errorMessage(failure, t) : t('studio.download.failed'));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="job-downloads card" role="group" aria-label={t('studio.download.label')}>
      <p className="job-downloads-title">{t('studio.download.label')}</p>
      <div className="job-actions">
        {(Object.keys(EXPORT_FORMATS) as ExportFormat[]).map((format) => (
          <Button key={format} variant="secondary" busy={busy === format} onClick={() => void download(format)}>
            {t(`studio.download.${format}`)}
          </Button>
        ))}
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
