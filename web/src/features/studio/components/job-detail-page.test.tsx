import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { session } from '@/lib/auth/session';
import { JOB_ID, jobJson } from '@/testing/fixtures';
import { fakeFetch, json, problem, USER, type Call } from '@/testing/http';
import { renderRoutes } from '@/testing/render';
import { studioRoutes } from '../routes';
import { COURSE } from '../testing/course';

const routes = [{ path: '/studio', children: studioRoutes }];

function serve(job: ReturnType<typeof jobJson>, handler: (call: Call) => Response | undefined = () => undefined) {
  const { fetch, calls } = fakeFetch((call) => {
    const answer = handler(call);
    if (answer) return answer;
    if (call.url === '/api/auth/me') return json(200, USER);
    if (call.url === `/api/ai/jobs/${JOB_ID}`) return json(200, job);
    if (call.url === `/api/ai/jobs/${JOB_ID}/result`) return json(200, COURSE);
    return json(404, {});
  });
  vi.stubGlobal('fetch', fetch);
  return calls;
}

const completed = jobJson({
  status: 'completed',
  progress: { step: 'store', completedSteps: 10, totalSteps: 10, message: 'Stored' },
  completedAt: '2026-11-26T07:00:09Z',
  tokenUsage: { input: 1200, output: 3400 },
  generatedBy: { provider: 'offline', model: null },
});

describe('a job’s page', () => {
  it('shows a completed course job’s state and its course', async () => {
    await session.establish({ accessToken: 'token', refreshToken: 'refresh' });
    serve(completed);
    renderRoutes(routes, `/studio/jobs/${JOB_ID}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Cloud basics for teams' })).toBeVisible();
    const bar = screen.getByRole('progressbar');
    expect(bar).toHaveAttribute('aria-valuenow', '10');
    expect(bar).toHaveAttribute('aria-valuemax', '10');
    expect(screen.getByText('1 of 3')).toBeVisible();
    expect(screen.getByText('1,200 in, 3,400 out')).toBeVisible();
    expect(screen.getByText('The offline generator (no language model wrote this)')).toBeVisible();
    expect(await screen.findByRole('heading', { name: 'Module 1: Module title 1' })).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Lesson 1.1: Lesson title 1.1' })).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Quiz: Module title 1' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Cancel the job' })).toBeNull();
  });

  it('downloads an export with the bearer token in the header, as a file', async () => {
    await session.establish({ accessToken: 'token', refreshToken: 'refresh' });
    const calls = serve(completed, (call) =>
      call.url === `/api/ai/jobs/${JOB_ID}/result?format=markdown`
        ? new Response('# Cloud basics', {
            status: 200,
            headers: { 'Content-Type': 'text/markdown', 'Content-Disposition': 'inline; filename="cloud-basics.md"' },
          })
        : undefined,
    );
    // jsdom has no object URLs.
    URL.createObjectURL = vi.fn(() => 'blob:test/1');
    URL.revokeObjectURL = vi.fn();
    const clicks: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this);
    });
    renderRoutes(routes, `/studio/jobs/${JOB_ID}`);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Markdown' }));

    await waitFor(() => expect(clicks).toHaveLength(1));
    expect(clicks[0]!.download).toBe('cloud-basics.md');
    expect(clicks[0]!.href).toBe('blob:test/1');
    const download = calls.find((call) => call.url.includes('format=markdown'))!;
    expect(download.headers.authorization).toBe('Bearer token');
    expect(download.url).not.toContain('token');
    click.mockRestore();
    Reflect.deleteProperty(URL, 'createObjectURL');
    Reflect.deleteProperty(URL, 'revokeObjectURL');
  });

  it('cancels a running job of one’s own and says why when the server refuses', async () => {
    await session.establish({ accessToken: 'token', refreshToken: 'refresh' });
    serve(jobJson(), (call) =>
      call.method === 'POST' && call.url.endsWith('/cancel')
        ? problem(409, 'invalid_state', 'The job is completed; only queued or running jobs can be cancelled')
        : undefined,
    );
    renderRoutes(routes, `/studio/jobs/${JOB_ID}`);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Cancel the job' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('That did not work');
    expect(alert).toHaveTextContent('The job is completed; only queued or running jobs can be cancelled');
  });

  it('retries a failed job and shows the queued answer', async () => {
    await session.establish({ accessToken: 'token', refreshToken: 'refresh' });
    const calls = serve(jobJson({ status: 'failed', error: 'The model timed out', attempts: 3 }), (call) =>
      call.method === 'POST' && call.url.endsWith('/retry')
        ? json(200, jobJson({ status: 'queued', attempts: 0, version: 9 }))
        : undefined,
    );
    renderRoutes(routes, `/studio/jobs/${JOB_ID}`);
    const user = userEvent.setup();

    expect(await screen.findByText('The model timed out')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Retry' }));

    expect(await screen.findByText('0 of 3')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(1);
  });

  it('lets the customer follow the job of an order, but not cancel it', async () => {
    await session.establish({ accessToken: 'token', refreshToken: 'refresh' });
    serve(jobJson({ orderId: '7e0c4c52-1d1b-4a39-9f0b-3b6e2a1f0c11' }));
    renderRoutes(routes, `/studio/jobs/${JOB_ID}`);

    expect(await screen.findByRole('link', { name: 'Open the order' })).toHaveAttribute(
      'href',
      '/orders/7e0c4c52-1d1b-4a39-9f0b-3b6e2a1f0c11',
    );
    expect(screen.getByText('This job fulfils your order; only an administrator can stop it.')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Cancel the job' })).toBeNull();
  });

  it('says so when the job cannot be seen', async () => {
    await session.establish({ accessToken: 'token', refreshToken: 'refresh' });
    serve(jobJson(), (call) => (call.url === `/api/ai/jobs/${JOB_ID}` ? problem(404, 'not_found', 'Job not found') : undefined));
    renderRoutes(routes, `/studio/jobs/${JOB_ID}`);

    expect(await screen.findByRole('alert')).toHaveTextContent('It does not exist, or you may not see it.');
  });
});
