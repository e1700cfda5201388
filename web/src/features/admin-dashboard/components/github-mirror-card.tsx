import { Alert } from '@/components/ui/alert';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { useGitHubMirror } from '../api/get-github-mirror';
import { useDashboardFormat } from './use-dashboard-format';

/** A small card: whether the board is mirrored to GitHub Issues, its backlog, a rate-limit pause, the last error. */
export function GitHubMirrorCard() {
  const { t } = useI18n();
  const f = useDashboardFormat();
  const mirror = useGitHubMirror();

  return (
    <section className="dashboard-section" aria-labelledby="dashboard-github">
      <h2 id="dashboard-github">{t('admin.dashboard.github.title')}</h2>
      {mirror.isPending ? <Spinner label={t('common.loading')} /> : null}
      {mirror.isError ? <Alert tone="error">{errorMessage(mirror.error, t)}</Alert> : null}
      {mirror.data && !mirror.data.enabled ? <p className="muted">{t('admin.dashboard.github.off')}</p> : null}
      {mirror.data?.enabled ? (
        <>
          <dl className="stat-grid" data-testid="github-mirror">
            <div className="stat">
              <dt>{t('admin.dashboard.github.repository')}</dt>
              <dd>{mirror.data.repository}</dd>
            </div>
            <div className="stat">
              <dt>{t('admin.dashboard.github.backlog')}</dt>
              <dd>{f.number(mirror.data.backlog)}</dd>
            </div>
            <div className="stat">
              <dt>{t('admin.dashboard.github.lastSuccess')}</dt>
              <dd>{mirror.data.lastSuccessAt ? f.dateTime(mirror.data.lastSuccessAt) : f.none}</dd>
            </div>
          </dl>
          {mirror.data.pausedUntil ? (
            <Alert tone="info">{t('admin.dashboard.github.paused', { until: f.dateTime(mirror.data.pausedUntil) })}</Alert>
          ) : null}
          {mirror.data.lastError ? (
            <p className="muted" data-testid="github-last-error">
              {t('admin.dashboard.github.lastError', { error: mirror.data.lastError })}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
