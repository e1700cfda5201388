import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '@/lib/auth/session';
import type { RealtimeEvent } from '@/lib/realtime/realtime-connection';
import { fakeFetch, json } from '@/testing/http';
import { renderWithRealtime } from '@/testing/render';
import { DashboardPage } from './dashboard-page';

const metrics = {
  orderCompletionRate: 0.9231,
  aiJobSuccessRate: 0.95,
  paymentSuccessRate: 0.5,
  jobsQueued: 2,
  jobsRunning: 1,
  p95LatencyMs: 87.5,
  requests: 15230,
  window: { from: '2026-11-26T05:00:00Z', to: '2026-11-26T07:41:12Z', hours: 3 },
  series: [
    {
      hour: '2026-11-26T05:00:00Z',
      ordersCreated: 14,
      ordersCompleted: 11,
      ordersFailed: 1,
      jobsCompleted: 9,
      jobsFailed: 1,
      paymentsSucceeded: 3,
      paymentsFailed: 1,
      p95LatencyMs: 92.1,
      requests: 640,
    },
    {
      hour: '2026-11-26T06:00:00Z',
      ordersCreated: 0,
      ordersCompleted: 0,
      ordersFailed: 0,
      jobsCompleted: 0,
      jobsFailed: 0,
      paymentsSucceeded: 0,
      paymentsFailed: 0,
      p95LatencyMs: null,
      requests: 0,
    },
    {
      hour: '2026-11-26T07:00:00Z',
      ordersCreated: 5,
      ordersCompleted: 1,
      ordersFailed: 0,
      jobsCompleted: 2,
      jobsFailed: 0,
      paymentsSucceeded: 1,
      paymentsFailed: 1,
      p95LatencyMs: 41,
      requests: 120,
    },
  ],
};

const agents = [
  [201, 'course_generator', 'Course Generator', 'busy'],
  [202, 'document_generator', 'Document Generator', 'idle'],
  [203, 'content_search', 'Content Search', 'idle'],
  [204, 'payment_processor', 'Payment Processor', 'idle'],
  [205, 'approval_workflow', 'Approval Workflow', 'idle'],
] as const;

function serviceState(version: number, orders: Record<string, number> = { pending: 0, completed: 40, cancelled: 3 }) {
  return {
    version,
    lastUpdated: '2026-11-26T07:00:00.123Z',
    agentState: {
      agents: agents.map(([id, type, name, status]) => ({
        id,
        type,
        name,
        status,
        submittedTasks: 0,
        activeTasks: status === 'busy' ? 1 : 0,
        completedTasks: 12,
        failedTasks: 1,
        cancelledTasks: 0,
        avgDurationMs: 8400,
      })),
      openTasks: 3,
      queue: [],
    },
    businessState: {
      counts: {
        products: { active: 12, draft: 1, archived: 2 },
        orders,
        aiJobs: { queued: 4, running: 1, completed: 35, failed: 1, cancelled: 0 },
        payments: { processing: 0, succeeded: 38, failed: 4, partially_refunded: 1, refunded: 2 },
        approvals: { pending: 2, approved: 9, rejected: 1, changes_requested: 0, expired: 0, cancelled: 1 },
      },
      recentOrders: [],
      recentJobs: [],
    },
    userState: {
      registeredUsers: 120,
      activeSessions: 31,
      activeUsers: 25,
      recentlyActiveUsers: 9,
      openSockets: 14,
      connectedUsers: 11,
      instances: [],
      refreshedAt: null,
    },
  };
}

function stateEvent(state: ReturnType<typeof serviceState>): RealtimeEvent {
  return { type: 'state.updated', eventId: state.version, resourceType: 'state', payload: { ...state, eventId: state.version } };
}

const mirrorOff = {
  enabled: false,
  repository: null,
  backlog: 0,
  pausedUntil: null,
  lastSuccessAt: null,
  lastError: null,
};

function renderDashboard(mirror: object = mirrorOff) {
  const { fetch, calls } = fakeFetch((call) => {
    if (call.url.startsWith('/api/admin/metrics/summary')) return json(200, metrics);
    if (call.url.startsWith('/api/integrations/github')) return json(200, mirror);
    return json(200, serviceState(100));
  });
  vi.stubGlobal('fetch', fetch);
  const { realtime } = renderWithRealtime(<DashboardPage />, { path: '/admin/dashboard' });
  return {
    calls,
    realtime,
    metricsCalls: () => calls.filter((call) => call.url.startsWith('/api/admin/metrics/summary')).length,
  };
}

// Four charts in jsdom take a few seconds on a busy machine.
describe('the dashboard', { timeout: 20_000 }, () => {
  beforeEach(() => session.establish({ accessToken: 'admin-token', refreshToken: 'admin-refresh' }));

  it('draws each chart with an accessible name and its numbers as a table', async () => {
    const { calls } = renderDashboard();

    const rates = await screen.findByRole('figure', { name: 'Success rates per hour' });
    expect(calls.find((call) => call.url.startsWith('/api/admin/metrics'))?.url).toBe('/api/admin/metrics/summary?hours=24');
    expect(
      within(rates).getByRole('img', {
        name: /Over the last 3 hours 92\.3% of the orders .* 95% of the AI jobs and 50% of the payments succeeded/,
      }),
    ).toBeInTheDocument();
    expect(rates.querySelector('svg.recharts-surface')).not.toBeNull();
    const rows = within(rates).getAllByRole('row');
    expect(rows).toHaveLength(4); // header + three hours, newest first
    expect(rows[1]).toHaveTextContent(/7:00 AM100%100%50%$/); // 1 of 1 orders, 2 of 2 jobs, 1 of 2 payments
    expect(rows[2]).toHaveTextContent(/———$/); // nothing ended in that hour
    expect(rows[3]).toHaveTextContent(/5:00 AM91\.7%90%75%$/); // 11 of 12 orders, 9 of 10 jobs, 3 of 4 payments

    const activity = screen.getByRole('figure', { name: 'Activity per hour' });
    expect(within(activity).getByRole('img')).toHaveAccessibleName(/19 orders placed, 12 AI jobs finished, 6 payments settled/);
    expect(within(activity).getAllByRole('row')[1]).toHaveTextContent(/5102011$/); // placed, completed, failed, jobs done, failed, payments ok, failed

    const latency = screen.getByRole('figure', { name: 'API latency (p95) per hour' });
    expect(within(latency).getByRole('img')).toHaveAccessibleName(/95% of 15,230 API requests took at most 87\.5\u00a0ms/);
    expect(within(latency).getAllByRole('row')[1]).toHaveTextContent(/41 ms120$/);
    expect(within(latency).getAllByRole('row')[3]).toHaveTextContent(/92\.1 ms640$/);

    const queue = screen.getByRole('figure', { name: 'Job queue now' });
    // The live state (4 queued) wins over the metrics' snapshot (2) once it is there.
    await waitFor(() => expect(within(queue).getByRole('img')).toHaveAccessibleName(/4 AI jobs are waiting and 1 are running/));
    expect(within(queue).getByRole('row', { name: /Open agent tasks/ })).toHaveTextContent('3');

    const figures = within(screen.getByTestId('key-figures'));
    expect(figures.getByText('Order completion').nextSibling).toHaveTextContent('92.3%');
    expect(figures.getByText('p95 latency').nextSibling).toHaveTextContent('87.5 ms');
    expect(screen.getAllByText('Show the numbers')).toHaveLength(4);
  });

  it('shows the live state and follows state.updated events, refreshing the metrics when business moved', async () => {
    const { realtime, metricsCalls } = renderDashboard();

    const agentsTable = await screen.findByRole('table', { name: 'Agents' });
    expect(within(agentsTable).getAllByRole('row')).toHaveLength(6);
    expect(within(agentsTable).getByRole('row', { name: /Course generator/ })).toHaveTextContent('Busy');
    expect(screen.getByTestId('state-version')).toHaveTextContent('State version 100');
    expect(within(screen.getByRole('table', { name: /Orders/ })).getByRole('row', { name: /Completed/ })).toHaveTextContent('40');
    expect(screen.getByText('Active sessions').nextSibling).toHaveTextContent('31');
    expect(realtime.topics).toContain('state');
    await waitFor(() => expect(metricsCalls()).toBe(1));

    // Only sessions changed: the state follows, the metrics are not read again.
    realtime.emit(stateEvent({ ...serviceState(101), userState: { ...serviceState(101).userState, activeSessions: 32 } }));
    await waitFor(() => expect(screen.getByTestId('state-version')).toHaveTextContent('State version 101'));
    expect(screen.getByText('Active sessions').nextSibling).toHaveTextContent('32');
    expect(metricsCalls()).toBe(1);

    // An order completed: the metrics are read again, once.
    realtime.emit(stateEvent(serviceState(102, { pending: 0, completed: 41, cancelled: 3 })));
    await waitFor(() => expect(metricsCalls()).toBe(2));
    expect(within(screen.getByRole('table', { name: /Orders/ })).getByRole('row', { name: /Completed/ })).toHaveTextContent('41');

    // Another change right after: throttled, no third read now.
    realtime.emit(stateEvent(serviceState(103, { pending: 1, completed: 41, cancelled: 3 })));
    await waitFor(() => expect(screen.getByTestId('state-version')).toHaveTextContent('State version 103'));
    expect(metricsCalls()).toBe(2);

    // An older state arriving late is ignored.
    realtime.emit(stateEvent(serviceState(99)));
    expect(screen.getByTestId('state-version')).toHaveTextContent('State version 103');
  });

  it('says when the board is not mirrored to GitHub', async () => {
    renderDashboard();
    expect(await screen.findByText(/not mirrored to GitHub Issues/)).toBeInTheDocument();
  });

  it('shows an enabled GitHub mirror with its backlog, pause and last error', async () => {
    renderDashboard({
      enabled: true,
      repository: 'acme/board',
      backlog: 3,
      pausedUntil: '2026-11-26T07:05:00Z',
      lastSuccessAt: '2026-11-26T07:00:00Z',
      lastError: 'POST /repos/acme/board/issues: 502 Server Error',
    });
    const card = within(await screen.findByTestId('github-mirror'));
    expect(card.getByText('Repository').nextSibling).toHaveTextContent('acme/board');
    expect(card.getByText('Tasks waiting to sync').nextSibling).toHaveTextContent('3');
    expect(screen.getByText(/GitHub rate limit: every request waits until/)).toBeInTheDocument();
    expect(screen.getByTestId('github-last-error')).toHaveTextContent('502 Server Error');
  });
});
