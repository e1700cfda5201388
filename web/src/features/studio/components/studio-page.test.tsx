import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { session } from '@/lib/auth/session';
import { aProduct, JOB_ID, jobJson, PRODUCT_ID } from '@/testing/fixtures';
import { fakeFetch, json, problem, USER, type Call } from '@/testing/http';
import { renderRoutes } from '@/testing/render';
import { studioRoutes } from '../routes';

const routes = [
  { path: '/studio', children: studioRoutes },
  { path: '/orders/new', element: <p>The order form</p> },
];

function serve(handler: (call: Call) => Response | undefined = () => undefined) {
  const { fetch, calls } = fakeFetch((call) => {
    const answer = handler(call);
    if (answer) return answer;
    if (call.url === '/api/auth/me') return json(200, USER);
    if (call.url.startsWith('/api/ai/jobs?')) return json(200, { items: [jobJson()], page: 0, size: 10, total: 1 });
    return json(404, {});
  });
  vi.stubGlobal('fetch', fetch);
  return calls;
}

function event(type: string, overrides: Parameters<typeof jobJson>[0], eventId: number) {
  return {
    type,
    id: String(eventId),
    ts: '2026-11-26T07:00:05Z',
    payload: { eventId, resourceType: 'job', resourceId: JOB_ID, previousStatus: 'running', ...jobJson(overrides) },
  };
}

function budget(overrides: Record<string, unknown> = {}) {
  return {
    userId: USER.id,
    limit: 100000,
    unlimited: false,
    used: 0,
    reserved: 0,
    remaining: 100000,
    resetsAt: '2027-01-01T00:00:00Z',
    source: 'default',
    ...overrides,
  };
}

async function fillCourse() {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Topic'), 'Enterprise cloud architecture');
  await user.type(screen.getByLabelText('Audience'), 'Backend engineers');
  await user.type(screen.getByLabelText('Objective 1'), 'Design landing zones');
  await user.type(screen.getByLabelText('Objective 2'), 'Plan hybrid networks');
  await user.type(screen.getByLabelText('Objective 3'), 'Keep costs in check');
  await user.click(screen.getByRole('button', { name: 'Start generating' }));
}

describe('the studio’s job list', () => {
  it('moves a job’s progress bar with the WebSocket’s job events, without asking the server again', async () => {
    await session.establish({ accessToken: 'token', refreshToken: 'refresh' });
    const calls = serve();
    const { sockets } = renderRoutes(routes, '/studio');

    const bar = await screen.findByRole('progressbar', { name: 'Progress of “Cloud basics for teams”' });
    expect(bar).toHaveAttribute('aria-valuenow', '3');
    expect(bar).toHaveAttribute('aria-valuemax', '10');
    expect(screen.getByText('3 of 10 steps')).toBeVisible();
    expect(screen.getByText('Writing lesson 3 of 8: Regions')).toBeVisible();

    await waitFor(() => expect(sockets).toHaveLength(1));
    const socket = sockets[0]!;
    act(() => socket.open());
    await waitFor(() => expect(socket.sent.map((m) => m.type)).toContain('auth'));
    act(() => socket.receive({ type: 'auth_success', id: 'a', payload: { userId: USER.id, roles: ['customer'] } }));
    await waitFor(() => expect(socket.sent.find((m) => m.type === 'subscribe')?.payload?.topics).toEqual(['jobs']));

    act(() =>
      socket.receive(
        event(
          'job.progress',
          { progress: { step: 'quiz-1', completedSteps: 7, totalSteps: 10, message: 'Writing quiz 1 of 2' }, version: 4 },
          41,
        ),
      ),
    );
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '7'));
    expect(screen.getByText('Writing quiz 1 of 2')).toBeVisible();

    // An older snapshot arriving late changes nothing.
    act(() => socket.receive(event('job.progress', { version: 2 }, 42)));
    act(() =>
      socket.receive(
        event(
          'job.completed',
          {
            status: 'completed',
            progress: { step: 'store', completedSteps: 10, totalSteps: 10, message: 'Stored' },
            completedAt: '2026-11-26T07:00:09Z',
            version: 6,
          },
          43,
        ),
      ),
    );

    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '10'));
    expect(bar).toHaveAttribute('aria-valuemax', '10');
    const card = bar.closest('li')!;
    expect(within(card).getByText('Completed')).toBeVisible();
    expect(within(card).getByText('Done')).toBeVisible();
    expect(calls.filter((call) => call.url.startsWith('/api/ai/jobs?'))).toHaveLength(1);
  });

  it('shows an indeterminate bar while the number of steps is unknown', async () => {
    await session.establish({ accessToken: 'token', refreshToken: 'refresh' });
    serve((call) =>
      call.url.startsWith('/api/ai/jobs?')
        ? json(200, {
            items: [jobJson({ status: 'queued', progress: { step: null, completedSteps: 0, totalSteps: 0, message: null } })],
            page: 0,
            size: 10,
            total: 1,
          })
        : undefined,
    );
    renderRoutes(routes, '/studio');

    const bar = await screen.findByRole('progressbar');
    expect(bar).not.toHaveAttribute('aria-valuenow');
    expect(bar).toHaveAttribute('aria-valuetext', 'Waiting in the queue');
  });

  it('starts a course job and lists it', async () => {
    await session.establish({ accessToken: 'token', refreshToken: 'refresh' });
    const created = jobJson({
      id: '9d4f0a1e-0000-4000-8000-000000000002',
      status: 'queued',
      input: { topic: 'Enterprise cloud architecture' },
      progress: { step: null, completedSteps: 0, totalSteps: 0, message: null },
    });
    let listed = false;
    const calls = serve((call) => {
      if (call.method === 'POST' && call.url === '/api/ai/jobs') {
        listed = true;
        return json(202, created);
      }
      if (call.url.startsWith('/api/ai/jobs?')) {
        return json(200, { items: listed ? [created, jobJson()] : [jobJson()], page: 0, size: 10, total: listed ? 2 : 1 });
      }
      return undefined;
    });
    renderRoutes(routes, '/studio');

    await fillCourse();

    expect(await screen.findByText('The job has started. Its progress appears in your jobs.')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Open “Enterprise cloud architecture”' })).toHaveAttribute(
      'href',
      '/studio/jobs/9d4f0a1e-0000-4000-8000-000000000002',
    );
    const post = calls.find((call) => call.method === 'POST')!;
    expect(post.body).toEqual({
      type: 'course_generation',
      input: {
        topic: 'Enterprise cloud architecture',
        targetAudience: 'Backend engineers',
        difficulty: 'beginner',
        estimatedHours: 4,
        learningObjectives: ['Design landing zones', 'Plan hybrid networks', 'Keep costs in check'],
        format: 'text',
        language: 'en',
      },
    });
    expect(await screen.findByRole('progressbar', { name: 'Progress of “Enterprise cloud architecture”' })).toBeVisible();
    expect(screen.getByLabelText('Topic')).toHaveValue('');
  });

  it('explains an exhausted token budget', async () => {
    await session.establish({ accessToken: 'token', refreshToken: 'refresh' });
    serve((call) =>
      call.method === 'POST'
        ? problem(
            429,
            'budget_exceeded',
            'This work needs about 120000 tokens but only 35000 remain',
            {
              tokenBudget: {
                limit: 2000000,
                used: 1965000,
                remaining: 35000,
                requested: 120000,
                resetsAt: '2026-12-01T00:00:00Z',
              },
            },
            { 'Retry-After': '345600' },
          )
        : undefined,
    );
    renderRoutes(routes, '/studio');

    await fillCourse();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your free monthly allowance has no room for this job.');
    expect(alert).toHaveTextContent('It needs about 120,000 tokens, and 35,000 of your 2,000,000 tokens are left.');
    expect(alert).toHaveTextContent('Dec 1, 2026');
  });

  it('shows what is left of the free monthly allowance', async () => {
    await session.establish({ accessToken: 'token', refreshToken: 'refresh' });
    serve((call) =>
      call.url === '/api/ai/budget' ? json(200, budget({ used: 30000, reserved: 5000, remaining: 65000 })) : undefined,
    );
    renderRoutes(routes, '/studio');

    const allowance = await screen.findByTestId('studio-allowance');
    expect(allowance).toHaveTextContent('Free trial: 65,000 of 100,000 tokens left this month');
    expect(allowance).toHaveTextContent('5,000 are held for jobs in progress.');
    expect(allowance).toHaveTextContent('The allowance renews on Jan 1, 2027.');
    expect(allowance.querySelector('meter')).toHaveAttribute('value', '65000');
  });

  it('says nothing is limited for an unlimited user', async () => {
    await session.establish({ accessToken: 'token', refreshToken: 'refresh' });
    serve((call) =>
      call.url === '/api/ai/budget'
        ? json(200, budget({ limit: 0, unlimited: true, remaining: null, source: 'admin' }))
        : undefined,
    );
    renderRoutes(routes, '/studio');

    expect(await screen.findByText('Your AI use is not limited.')).toBeVisible();
    expect(screen.queryByTestId('studio-allowance')).toBeNull();
  });

  it('offers to order the matching product with the same request once the allowance has no room', async () => {
    await session.establish({ accessToken: 'token', refreshToken: 'refresh' });
    let refused = false;
    const calls = serve((call) => {
      if (call.method === 'POST') {
        refused = true;
        return problem(429, 'budget_exceeded', 'No room', {
          tokenBudget: { limit: 100000, used: 90000, remaining: 10000, requested: 33000, resetsAt: '2027-01-01T00:00:00Z' },
        });
      }
      if (call.url === '/api/ai/budget') return json(200, budget(refused ? { used: 90000, remaining: 10000 } : {}));
      if (call.url.startsWith('/api/products?')) return json(200, { items: [aProduct()], page: 0, size: 5, total: 1 });
      return undefined;
    });
    const { router } = renderRoutes(routes, '/studio');
    expect(await screen.findByText('Free trial: 100,000 of 100,000 tokens left this month')).toBeVisible();

    await fillCourse();

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'It needs about 33,000 tokens, and 10,000 of your 100,000 tokens are left.',
    );
    const offer = await screen.findByRole('link', { name: 'Order “AI Course: Enterprise Cloud Architecture” with this request' });
    expect(offer).toHaveAttribute('href', `/orders/new?productId=${PRODUCT_ID}`);
    expect(screen.getByRole('heading', { name: 'Order it instead' })).toBeVisible();
    expect(screen.getByText('$2,500.00')).toBeVisible();
    const search = new URL(calls.find((call) => call.url.startsWith('/api/products?'))!.url, 'http://x').searchParams;
    expect(search.get('category')).toBe('ai_course_generation');
    // The allowance shown is read again after the refusal.
    expect(await screen.findByText('Free trial: 10,000 of 100,000 tokens left this month')).toBeVisible();

    await userEvent.setup().click(offer);

    expect(await screen.findByText('The order form')).toBeVisible();
    expect(router.state.location.pathname).toBe('/orders/new');
    const posted = (calls.find((call) => call.method === 'POST')!.body as { input: unknown }).input;
    expect(router.state.location.state).toEqual({ generationInput: posted });
    expect(posted).toMatchObject({ topic: 'Enterprise cloud architecture', targetAudience: 'Backend engineers' });
  });

  it('puts the server’s input errors on the fields', async () => {
    await session.establish({ accessToken: 'token', refreshToken: 'refresh' });
    serve((call) =>
      call.method === 'POST'
        ? problem(422, 'invalid_input', 'The input is not valid', {
            errors: [{ field: 'input.targetAudience', message: 'must match pattern "\\S"' }],
          })
        : undefined,
    );
    renderRoutes(routes, '/studio');

    await fillCourse();

    expect(await screen.findByText('must match pattern "\\S"')).toBeVisible();
    expect(screen.getByLabelText('Audience')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('offers a document form too', async () => {
    await session.establish({ accessToken: 'token', refreshToken: 'refresh' });
    serve();
    renderRoutes(routes, '/studio');
    const user = userEvent.setup();

    await user.click(screen.getByRole('radio', { name: /Document/ }));

    expect(screen.getByLabelText('Document type')).toBeVisible();
    expect(screen.queryByLabelText('Topic')).toBeNull();
  });
});
