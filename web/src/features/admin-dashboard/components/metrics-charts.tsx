import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/lib/i18n/i18n-provider';
import type { MetricsHour, MetricsSummary } from '../types';
import { ChartFigure } from './chart-figure';
import { useDashboardFormat } from './use-dashboard-format';

/** The tokens of styles/app.css (SVG attributes take plain colours); each series also has its own dash. */
const COLORS = { brand: '#7a1f3d', blue: '#1a5fb4', green: '#1e6b3a', amber: '#8a5a00', muted: '#5c5753' };
const HEIGHT = 240;
/** Drawn at this size until the container is measured (and in tests, where nothing is measured). */
const INITIAL = { width: 560, height: HEIGHT };
/** Room at both ends of a line chart's time axis, so the first and last points are drawn whole. */
const EDGE_ROOM = { left: 10, right: 10 };
const AXIS = { stroke: COLORS.muted, fontSize: 12 };

function share(part: number, other: number): number | null {
  return part + other === 0 ? null : part / (part + other);
}

/** Each hour's shares: orders completed of those completed or failed, jobs and payments succeeded. */
export function hourlyRates(hour: MetricsHour) {
  return {
    orders: share(hour.ordersCompleted, hour.ordersFailed),
    jobs: share(hour.jobsCompleted, hour.jobsFailed),
    payments: share(hour.paymentsSucceeded, hour.paymentsFailed),
  };
}

export function RatesChart({ metrics }: { metrics: MetricsSummary }) {
  const { t, plural } = useI18n();
  const f = useDashboardFormat();
  const data = metrics.series.map((hour) => ({ hour: hour.hour, label: f.hour(hour.hour), ...hourlyRates(hour) }));
  const names = {
    orders: t('admin.dashboard.orderCompletion'),
    jobs: t('admin.dashboard.jobSuccess'),
    payments: t('admin.dashboard.paymentSuccess'),
  };
  return (
    <ChartFigure
      title={t('admin.dashboard.ratesTitle')}
      summary={
        metrics.orderCompletionRate === null && metrics.aiJobSuccessRate === null && metrics.paymentSuccessRate === null
          ? t('admin.dashboard.ratesSummaryNone', { hours: plural('admin.dashboard.hoursSpan', metrics.window.hours) })
          : t('admin.dashboard.ratesSummary', {
              hours: plural('admin.dashboard.hoursSpan', metrics.window.hours),
              orders: f.percent(metrics.orderCompletionRate),
              jobs: f.percent(metrics.aiJobSuccessRate),
              payments: f.percent(metrics.paymentSuccessRate),
            })
      }
      rows={[...data].reverse()}
      rowKey={(row) => row.hour}
      columns={[
        { header: t('admin.dashboard.hour'), cell: (row) => f.dateTime(row.hour), rowHeader: true },
        { header: names.orders, cell: (row) => f.percent(row.orders) },
        { header: names.jobs, cell: (row) => f.percent(row.jobs) },
        { header: names.payments, cell: (row) => f.percent(row.payments) },
      ]}
    >
      <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={INITIAL}>
        <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e8e4de" />
          <XAxis dataKey="label" tick={AXIS} minTickGap={24} padding={EDGE_ROOM} />
          <YAxis domain={[0, 1]} tickFormatter={(value: number) => f.percent(value)} tick={AXIS} width="auto" />
          <Tooltip formatter={(value) => f.percent(typeof value === 'number' ? value : null)} />
          <Legend />
          <Line
            type="monotone"
            dataKey="orders"
            name={names.orders}
            stroke={COLORS.brand}
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="jobs"
            name={names.jobs}
            stroke={COLORS.blue}
            strokeWidth={2}
            strokeDasharray="6 3"
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="payments"
            name={names.payments}
            stroke={COLORS.green}
            strokeWidth={2}
            strokeDasharray="2 3"
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

export function ActivityChart({ metrics }: { metrics: MetricsSummary }) {
  const { t, plural } = useI18n();
  const f = useDashboardFormat();
  const data = metrics.series.map((hour) => ({ ...hour, label: f.hour(hour.hour) }));
  const total = (pick: (hour: MetricsHour) => number) => metrics.series.reduce((sum, hour) => sum + pick(hour), 0);
  const names = {
    ordersCreated: t('admin.dashboard.ordersCreated'),
    ordersCompleted: t('admin.dashboard.ordersCompleted'),
    jobsCompleted: t('admin.dashboard.jobsCompleted'),
    paymentsSucceeded: t('admin.dashboard.paymentsSucceeded'),
    paymentsFailed: t('admin.dashboard.paymentsFailed'),
  };
  return (
    <ChartFigure
      title={t('admin.dashboard.activityTitle')}
      summary={t('admin.dashboard.activitySummary', {
        hours: plural('admin.dashboard.hoursSpan', metrics.window.hours),
        orders: plural(
          'admin.dashboard.ordersPlaced',
          total((hour) => hour.ordersCreated),
        ),
        jobs: plural(
          'admin.dashboard.jobsFinished',
          total((hour) => hour.jobsCompleted + hour.jobsFailed),
        ),
        payments: plural(
          'admin.dashboard.paymentsSettled',
          total((hour) => hour.paymentsSucceeded + hour.paymentsFailed),
        ),
      })}
      rows={[...data].reverse()}
      rowKey={(row) => row.hour}
      columns={[
        { header: t('admin.dashboard.hour'), cell: (row) => f.dateTime(row.hour), rowHeader: true },
        { header: names.ordersCreated, cell: (row) => f.number(row.ordersCreated) },
        { header: names.ordersCompleted, cell: (row) => f.number(row.ordersCompleted) },
        { header: t('admin.dashboard.ordersFailed'), cell: (row) => f.number(row.ordersFailed) },
        { header: names.jobsCompleted, cell: (row) => f.number(row.jobsCompleted) },
        { header: t('admin.dashboard.jobsFailed'), cell: (row) => f.number(row.jobsFailed) },
        { header: names.paymentsSucceeded, cell: (row) => f.number(row.paymentsSucceeded) },
        { header: names.paymentsFailed, cell: (row) => f.number(row.paymentsFailed) },
      ]}
    >
      <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={INITIAL}>
        <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e8e4de" vertical={false} />
          <XAxis dataKey="label" tick={AXIS} minTickGap={24} />
          <YAxis allowDecimals={false} tick={AXIS} width="auto" />
          <Tooltip />
          <Legend />
          <Bar dataKey="ordersCreated" name={names.ordersCreated} fill={COLORS.brand} isAnimationActive={false} />
          <Bar dataKey="ordersCompleted" name={names.ordersCompleted} fill={COLORS.green} isAnimationActive={false} />
          <Bar dataKey="jobsCompleted" name={names.jobsCompleted} fill={COLORS.blue} isAnimationActive={false} />
          <Bar dataKey="paymentsSucceeded" name={names.paymentsSucceeded} fill={COLORS.amber} isAnimationActive={false} />
          <Bar dataKey="paymentsFailed" name={names.paymentsFailed} fill={COLORS.muted} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

export function LatencyChart({ metrics }: { metrics: MetricsSummary }) {
  const { t, plural } = useI18n();
  const f = useDashboardFormat();
  const data = metrics.series.map((hour) => ({
    hour: hour.hour,
    label: f.hour(hour.hour),
    p95: hour.p95LatencyMs,
    requests: hour.requests,
  }));
  const name = t('admin.dashboard.p95');
  return (
    <ChartFigure
      title={t('admin.dashboard.latencyTitle')}
      summary={
        metrics.p95LatencyMs === null
          ? t('admin.dashboard.latencySummaryNone', { hours: plural('admin.dashboard.hoursSpan', metrics.window.hours) })
          : t('admin.dashboard.latencySummary', {
              hours: plural('admin.dashboard.hoursSpan', metrics.window.hours),
              p95: f.ms(metrics.p95LatencyMs),
              requests: f.number(metrics.requests),
            })
      }
      rows={[...data].reverse()}
      rowKey={(row) => row.hour}
      columns={[
        { header: t('admin.dashboard.hour'), cell: (row) => f.dateTime(row.hour), rowHeader: true },
        { header: name, cell: (row) => f.ms(row.p95) },
        { header: t('admin.dashboard.requests'), cell: (row) => f.number(row.requests) },
      ]}
    >
      <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={INITIAL}>
        <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e8e4de" />
          <XAxis dataKey="label" tick={AXIS} minTickGap={24} padding={EDGE_ROOM} />
          <YAxis tick={AXIS} width="auto" tickFormatter={(value: number) => f.ms(value)} />
          <Tooltip formatter={(value) => f.ms(typeof value === 'number' ? value : null)} />
          <Legend />
          <Line
            type="monotone"
            dataKey="p95"
            name={name}
            stroke={COLORS.blue}
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

/** The job queue now: from the live state when it is there (it moves with every event), else the metrics. */
export function QueueChart({ queued, running, openTasks }: { queued: number; running: number; openTasks: number | undefined }) {
  const { t } = useI18n();
  const f = useDashboardFormat();
  const data = [
    { key: 'queued', label: t('admin.dashboard.jobsQueued'), value: queued },
    { key: 'running', label: t('admin.dashboard.jobsRunning'), value: running },
    ...(openTasks === undefined ? [] : [{ key: 'open', label: t('admin.dashboard.openTasks'), value: openTasks }]),
  ];
  return (
    <ChartFigure
      title={t('admin.dashboard.queueTitle')}
      summary={t('admin.dashboard.queueSummary', { queued: f.number(queued), running: f.number(running) })}
      rows={data}
      rowKey={(row) => row.key}
      columns={[
        { header: t('admin.dashboard.measure'), cell: (row) => row.label, rowHeader: true },
        { header: t('admin.dashboard.now'), cell: (row) => f.number(row.value) },
      ]}
    >
      <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={INITIAL}>
        <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={{ top: 8, right: 24, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="#e8e4de" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={AXIS} />
          <YAxis type="category" dataKey="label" tick={AXIS} width="auto" />
          <Tooltip />
          <Bar
            dataKey="value"
            name={t('admin.dashboard.now')}
            fill={COLORS.brand}
            isAnimationActive={false}
            label={{ position: 'right', fill: COLORS.muted }}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
