import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n-provider';
import type { Job } from '../types';
import { jobTitle, typeLabel } from './job-labels';
import { JobProgress } from './job-progress';
import { JobStatusBadge } from './job-status-badge';

/** Jobs as cards: what they make, their status and their live progress. */
export function JobList({ jobs }: { jobs: Job[] }) {
  const { t, dateTime } = useI18n();
  return (
    <ul className="job-list">
      {jobs.map((job) => {
        const title = jobTitle(job, t);
        return (
          <li key={job.id} className="job-card">
            <div className="job-card-head">
              <h3 className="job-card-title">
                <Link to={`/studio/jobs/${job.id}`}>{title}</Link>
              </h3>
              <JobStatusBadge status={job.status} />
            </div>
            <p className="job-card-meta muted">
              <span>{typeLabel(job.type, t)}</span>
              <span>{t('studio.jobs.created', { date: dateTime(job.createdAt) })}</span>
              {job.orderId ? <span>{t('studio.jobs.forOrder')}</span> : null}
            </p>
            <JobProgress job={job} label={t('studio.progress.label', { title })} />
            {job.status === 'failed' && job.error ? <p className="job-card-error">{job.error}</p> : null}
          </li>
        );
      })}
    </ul>
  );
}
