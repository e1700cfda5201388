import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { approvalRequest, JOB_ID, jobJson } from '@/testing/fixtures';
import { fakeFetch, json, problem } from '@/testing/http';
import { anOrder, ORDER_ID, renderLive } from '../test-utils';
import type { Order } from '../types';
import { OrderDetailPage } from './order-detail-page';

const APPROVAL_ID = 'c3333333-3333-4333-8333-333333333333';

const course = {
  productName: 'AI Course: Enterprise Cloud Architecture',
  category: 'ai_course_generation',
  unitPrice: { amount: '2500.00', currency: 'USD' },
  total: { amount: '2500.00', currency: 'USD' },
  input: { topic: 'Cloud architecture', targetAudience: 'Engineers', learningObjectives: ['a', 'b', 'c'] },
} satisfies Partial<Order>;

const placed = anOrder({
  ...course,
  status: 'awaiting_approval',
  approvalId: APPROVAL_ID,
  timeline: [
    { status: 'pending', at: '2026-11-26T07:00:00Z', actor: { type: 'user', id: 'u', name: 'Hana' }, note: null },
    {
      status: 'awaiting_approval',
      at: '2026-11-26T07:00:01Z',
      actor: { type: 'agent', id: '205', name: 'ApprovalWorkflowAgent' },
      note: 'Policy "Default order approval"',
    },
  ],
});

/** The order's approval request: one stage asking two approvers; once approved, with Aki's decision. */
function approval(status: 'pending' | 'approved', version: number) {
  const decided = status === 'approved';
  const request = approvalRequest({
    id: APPROVAL_ID,
    resourceId: ORDER_ID,
    requesterId: 'u',
    status,
    currentStage: decided ? null : 0,
    createdAt: '2026-11-26T07:00:01Z',
    updatedAt: '2026-11-26T07:00:01Z',
    decidedAt: decided ? '2026-11-26T08:00:00Z' : null,
    version,
  });
  request.stages[0] = {
    ...request.stages[0]!,
    status,
    approvers: ['x', 'y'],
    decidedAt: decided ? '2026-11-26T08:00:00Z' : null,
    decisions: decided
      ? [
          {
            approverId: 'x',
            approverName: 'Aki Approver',
            decision: 'approve',
            comment: 'Fits the training budget',
            at: '2026-11-26T08:00:00Z',
          },
        ]
      : [],
  };
  return request;
}

/** The course job fulfilling the order, `completedSteps` of 20 done. */
function job(completedSteps: number, status = 'running') {
  return jobJson({
    id: JOB_ID,
    status,
    userId: 'u',
    orderId: ORDER_ID,
    input: course.input,
    progress: {
      step: `lesson-1-${completedSteps}`,
      completedSteps,
      totalSteps: 20,
      message: `Writing lesson ${completedSteps} of 15`,
    },
    version: completedSteps + 1,
  });
}

describe('the order page', () => {
  it('follows approval, payment and generation live from the WebSocket, without reloading', async () => {
    const { fetch, calls } = fakeFetch((call) => {
      if (call.url === `/api/orders/${ORDER_ID}`) return json(200, placed);
      if (call.url === `/api/approvals/${APPROVAL_ID}`) return json(200, approval('pending', 1));
      if (call.url === `/api/ai/jobs/${JOB_ID}`) return json(200, job(2));
      if (call.url.startsWith(`/api/orders/${ORDER_ID}/payments`)) return json(200, { items: [], page: 0, size: 20, total: 0 });
      return problem(404, 'not_found', 'No such thing');
    });
    vi.stubGlobal('fetch', fetch);
    const live = renderLive(<OrderDetailPage />, { path: `/orders/${ORDER_ID}`, route: '/orders/:orderId' });

    expect(await screen.findByRole('heading', { level: 1, name: `Order: ${course.productName}` })).toBeVisible();
    expect(screen.getByTestId('order-status')).toHaveTextContent('Awaiting approval');
    const approvalPanel = screen.getByRole('region', { name: 'Approval' });
    expect(await within(approvalPanel).findByText('Stage 1: Approver review')).toBeVisible();
    expect(within(approvalPanel).getByText('2 approvers asked')).toBeVisible();
    const timeline = screen.getByRole('list', { name: 'Timeline' });
    expect(within(timeline).getAllByRole('listitem')).toHaveLength(2);
    expect(timeline).toHaveTextContent('by ApprovalWorkflowAgent (agent 205)');

    await live.connect();
    await waitFor(() => expect(live.topics()).toEqual(expect.arrayContaining([`order:${ORDER_ID}`, `approval:${APPROVAL_ID}`])));

    // The approver decides: the request and then the order change, as two events.
    const decided = approval('approved', 2);
    await live.emit('approval.decided', {
      ...decided,
      resourceType: 'approval',
      resourceId: APPROVAL_ID,
      subject: { resourceType: 'order', resourceId: ORDER_ID },
      previousStatus: 'pending',
    });
    expect(await within(approvalPanel).findByText('Fits the training budget')).toBeVisible();
    expect(within(approvalPanel).getByText('Aki Approver: approved')).toBeVisible();

    const payable: Order = {
      ...placed,
      status: 'awaiting_payment',
      version: 3,
      timeline: [
        ...placed.timeline,
        {
          status: 'awaiting_payment',
          at: '2026-11-26T08:00:00Z',
          actor: { type: 'agent', id: '205', name: 'ApprovalWorkflowAgent' },
          note: 'Approved by Aki Approver: Fits the training budget',
        },
      ],
    };
    await live.emit('order.updated', {
      ...payable,
      resourceType: 'order',
      resourceId: ORDER_ID,
      previousStatus: 'awaiting_approval',
    });
    expect(screen.getByTestId('order-status')).toHaveTextContent('Awaiting payment');
    expect(within(timeline).getAllByRole('listitem')).toHaveLength(3);
    expect(timeline).toHaveTextContent('Approved by Aki Approver: Fits the training budget');
    expect(screen.getByRole('region', { name: 'Checkout' })).toBeVisible();

    // A replayed older event does not roll the page back.
    await live.emit('order.updated', { ...placed, resourceType: 'order', resourceId: ORDER_ID, previousStatus: 'pending' });
    expect(screen.getByTestId('order-status')).toHaveTextContent('Awaiting payment');

    // Paid elsewhere (another tab), then fulfilment starts with a job.
    const fulfilling: Order = {
      ...payable,
      status: 'fulfilling',
      aiJobId: JOB_ID,
      version: 5,
      timeline: [
        ...payable.timeline,
        {
          status: 'paid',
          at: '2026-11-26T08:01:00Z',
          actor: { type: 'agent', id: '204', name: 'PaymentProcessorAgent' },
          note: 'Paid 2500.00 USD',
        },
        {
          status: 'fulfilling',
          at: '2026-11-26T08:01:00Z',
          actor: { type: 'agent', id: '201', name: 'CourseGeneratorAgent' },
          note: null,
        },
      ],
    };
    await live.emit('order.updated', { ...fulfilling, resourceType: 'order', resourceId: ORDER_ID, previousStatus: 'paid' });
    expect(screen.queryByRole('region', { name: 'Checkout' })).toBeNull();
    expect(within(timeline).getAllByRole('listitem')).toHaveLength(5);

    const progress = await screen.findByRole('progressbar', { name: 'Generation progress' });
    await waitFor(() => expect(progress).toHaveAttribute('aria-valuenow', '10'));
    await waitFor(() => expect(live.topics()).toContain('jobs'));
    expect(screen.getByRole('link', { name: 'Open in the AI studio' })).toHaveAttribute('href', `/studio/jobs/${JOB_ID}`);

    await live.emit('job.progress', { ...job(15), resourceType: 'job', resourceId: JOB_ID, previousStatus: 'running' });
    expect(progress).toHaveAttribute('aria-valuenow', '75');
    expect(screen.getByText('15 of 20 steps')).toBeVisible();

    await live.emit('job.completed', {
      ...job(20, 'completed'),
      completedAt: '2026-11-26T08:05:00Z',
      resourceType: 'job',
      resourceId: JOB_ID,
      previousStatus: 'running',
    });
    expect(progress).toHaveAttribute('aria-valuenow', '100');

    // Nothing was fetched again for the events: they went straight into the cache.
    expect(calls.filter((call) => call.url === `/api/orders/${ORDER_ID}`)).toHaveLength(1);
    expect(calls.filter((call) => call.url === `/api/approvals/${APPROVAL_ID}`)).toHaveLength(1);
  }, 20_000);

  it('lets the customer revise the request after an approver asked for changes', async () => {
    const input = {
      topic: 'Cloud architecture',
      targetAudience: 'Engineers',
      difficulty: 'advanced',
      estimatedHours: 12,
      learningObjectives: ['Design for failure', 'Plan capacity', 'Run game days'],
      format: 'text',
      language: 'en',
    };
    const asked = approval('pending', 3);
    asked.status = 'changes_requested';
    asked.stages[0]!.status = 'changes_requested';
    asked.stages[0]!.decisions = [
      {
        approverId: 'x',
        approverName: 'Aki Approver',
        decision: 'request_changes',
        comment: 'Add a module on cost',
        at: '2026-11-26T08:00:00Z',
      },
    ];
    const { fetch, calls } = fakeFetch((call) => {
      if (call.method === 'PATCH') {
        return json(200, { ...placed, input: (call.body as { input: unknown }).input, version: 4 });
      }
      if (call.url === `/api/orders/${ORDER_ID}`) return json(200, { ...placed, input });
      if (call.url === `/api/approvals/${APPROVAL_ID}`) return json(200, asked);
      return problem(404, 'not_found', 'No such thing');
    });
    vi.stubGlobal('fetch', fetch);
    renderLive(<OrderDetailPage />, { path: `/orders/${ORDER_ID}`, route: '/orders/:orderId' });
    const user = userEvent.setup();

    const panel = await screen.findByRole('region', { name: 'Approval' });
    expect(await within(panel).findByText('Add a module on cost')).toBeVisible();
    expect(within(panel).getByText('Aki Approver: asked for changes')).toBeVisible();
    // The summary agrees with the approval box: still awaiting approval, with changes requested.
    const status = screen.getByTestId('order-status');
    expect(status).toHaveTextContent('This order is now: Awaiting approval, changes requested');
    expect(within(status).getByText('Changes requested')).toBeVisible();
    const topic = within(panel).getByLabelText('Topic');
    expect(topic).toHaveValue('Cloud architecture');
    await user.clear(topic);
    await user.type(topic, 'Cloud architecture and cost');
    await user.click(within(panel).getByRole('button', { name: 'Send the revised request' }));

    await waitFor(() => expect(calls.some((call) => call.method === 'PATCH')).toBe(true));
    const patch = calls.find((call) => call.method === 'PATCH');
    expect(patch?.url).toBe(`/api/orders/${ORDER_ID}`);
    expect(patch?.body).toEqual({ input: { ...input, topic: 'Cloud architecture and cost' } });
  }, 20_000);

  it('says so when the order does not exist or is someone else’s', async () => {
    vi.stubGlobal('fetch', fakeFetch(() => problem(404, 'not_found', 'Order not found')).fetch);
    renderLive(<OrderDetailPage />, { path: `/orders/${ORDER_ID}`, route: '/orders/:orderId' });

    expect(await screen.findByRole('heading', { level: 1, name: 'Order not found' })).toBeVisible();
    expect(screen.getByRole('link', { name: '← Back to my orders' })).toHaveAttribute('href', '/orders');
  }, 20_000);
});
