import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Page } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import type { MessageKey } from '@/lib/i18n/catalogue';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { useMetrics, WINDOWS, type MetricsWindowHours } from '../api/get-metrics';
import { useServiceState } from '../api/get-state';
import { useLiveDashboard } from '../api/use-live-dashboard';
import type { MetricsSummary, ServiceState } from '../types';
import { GitHubMirrorCard } from './github-mirror-card';
import { AgentsTable, BusinessCounts, UsersPanel } from './live-state';
import { ActivityChart, LatencyChart, QueueChart, RatesChart } from './metrics-charts';
import { useDashboardFormat } from './use-dashboard-format';

function windowParam(value: string | null): MetricsWindowHours {
  const hours = Number(value);
  return (WINDOWS as readonly number[]).includes(hours) ? (hours as MetricsWindowHours) : 24;
}

/** Admin start page: the metrics of the last hours as charts, and the platform's live state. */
export function DashboardPage() {
  const { t, plural } = useI18n();
  const [params, setParams] = useSearchParams();
  const hours = windowParam(params.get('hours'));
  const metrics = useMetrics(hours);
  const state = useServiceState();
  useLiveDashboard();
  const windowId = useId();

  return (
    <Page
      title={t('admin.dashboard.title')}
      actions={
        <div className="field window-field">
          <label htmlFor={windowId}>{t('admin.dashboard.window')}</label>
          <select
            id={windowId}
            value={hours}
            onChange={(event) =>
              setParams(event.target.value === '24' ? {} : { hours: event.target.value }, {
                replace: true,
                preventScrollReset: true,
              })
            }
          >
            {WINDOWS.map((value) => (
              <option key={value} value={value}>
                {t('admin.dashboard.lastHours', { hours: plural('admin.dashboard.hoursSpan', Number(value)) })}
              </option>
            ))}
          </select>
        </div>
      }
    >
      <section className="dashboard-section" aria-labelledby="dashboard-metrics">
        <h2 id="dashboard-metrics">{t('admin.dashboard.metricsTitle', { hours: plural('admin.dashboard.hoursSpan', hours) })}</h2>
        {metrics.isPending ? <Spinner label={t('common.loading')} /> : null}
        {metrics.isError ? <Alert tone="error">{errorMessage(metrics.error, t)}</Alert> : null}
        {metrics.data ? (
          <>
            <KeyFigures metrics={metrics.data} state={state.data} />
            <div className="chart-grid" aria-busy={metrics.isFetching || undefined}>
              <RatesChart metrics={metrics.data} />
              <ActivityChart metrics={metrics.data} />
              <QueueChart
                queued={state.data?.businessState.counts.aiJobs?.queued ?? metrics.data.jobsQueued}
                running={state.data?.businessState.counts.aiJobs?.running ?? metrics.data.jobsRunning}
                openTasks={state.data?.agentState.openTasks}
              />
              <LatencyChart metrics={metrics.data} />
            </div>
          </>
        ) : null}
      </section>

      <section className="dashboard-section" aria-labelledby="dashboard-live">
        <h2 id="dashboard-live">{t('admin.dashboard.liveTitle')}</h2>
        {state.isPending ? <Spinner label={t('common.loading')} /> : null}
        {state.isError ? <Alert tone="error">{errorMessage(state.error, t)}</Alert> : null}
        {state.data ? <LiveState state={state.data} /> : null}
      </section>

      <GitHubMirrorCard />
    </Page>
  );
}

function KeyFigures({ metrics, state }: { metrics: MetricsSummary; state: ServiceState | undefined }) {
  const { t } = useI18n();
  const f = useDashboardFormat();
  const figures: [MessageKey, string][] = [
    ['admin.dashboard.orderCompletion', f.percent(metrics.orderCompletionRate)],
    ['admin.dashboard.jobSuccess', f.percent(metrics.aiJobSuccessRate)],
    ['admin.dashboard.paymentSuccess', f.percent(metrics.paymentSuccessRate)],
    ['admin.dashboard.jobsQueued', f.number(state?.businessState.counts.aiJobs?.queued ?? metrics.jobsQueued)],
    ['admin.dashboard.jobsRunning', f.number(state?.businessState.counts.aiJobs?.running ?? metrics.jobsRunning)],
    ['admin.dashboard.p95', f.ms(metrics.p95LatencyMs)],
    ['admin.dashboard.requests', f.number(metrics.requests)],
  ];
  return (
    <dl className="stat-grid key-figures" data-testid="key-figures">
      {figures.map(([label, value]) => (
        <div key={label} className="stat">
          <dt>{t(label)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function LiveState({ state }: { state: ServiceState }) {
  const { t } = useI18n();
  const f = useDashboardFormat();
  return (
    <>
      <p className="muted live-version" data-testid="state-version">
        {t('admin.dashboard.stateVersion', {
          version: f.number(state.version),
          updated: state.lastUpdated ? f.dateTime(state.lastUpdated) : f.none,
        })}
      </p>
      <AgentsTable state={state} />
      <h3>{t('admin.dashboard.businessTitle')}</h3>
      <BusinessCounts state={state} />
      <h3>{t('admin.dashboard.usersTitle')}</h3>
      <UsersPanel state={state} />
    </>
  );
}
