import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { session } from '@/lib/auth/session';
import type { RealtimeEvent } from '@/lib/realtime/realtime-connection';
import { fakeFetch, json, USER } from '@/testing/http';
import { renderWithRealtime } from '@/testing/render';
import { toastFor } from './event-toast';
import { MAX_TOASTS, Toaster, TOAST_DURATION_MS } from './toaster';

const OTHER_USER = '9a1d4c2e-7b3f-4e5a-8c6d-1f2e3a4b5c6d';
const ORDER_ID = '3c9b2a1d-4e5f-4a6b-9c8d-7e6f5a4b3c2d';

let eventId = 0;

function orderUpdated(status: string, previousStatus: string, userId = USER.id, id = ORDER_ID): RealtimeEvent {
  eventId += 1;
  return {
    type: 'order.updated',
    eventId,
    resourceType: 'order',
    resourceId: id,
    payload: {
      eventId,
      id,
      userId,
      productName: 'AI Course: Cloud',
      status,
      previousStatus,
      total: { amount: '2500.00', currency: 'USD' },
    },
  };
}

async function renderToaster(path = '/catalog') {
  await session.establish({ accessToken: 'token', refreshToken: 'refresh' });
  vi.stubGlobal('fetch', fakeFetch(() => json(200, USER)).fetch);
  const { queryClient, realtime } = renderWithRealtime(<Toaster />, { path });
  await waitFor(() => expect(queryClient.getQueryData(['auth', 'me'])).toBeDefined());
  return realtime;
}

const region = () => screen.getByRole('region', { name: 'Notifications' });

afterEach(() => {
  vi.useRealTimers();
});

describe('toasts for live events', () => {
  it("toasts a change of the user's own order, with a link to it, in a polite live region", async () => {
    const realtime = await renderToaster();
    expect(realtime.topics).toEqual(expect.arrayContaining(['orders', 'jobs', 'payments', 'approvals']));

    realtime.emit(orderUpdated('cancelled', 'awaiting_payment'));

    const toast = await within(region()).findByRole('listitem');
    expect(toast).toHaveTextContent('Your order “AI Course: Cloud” was cancelled.');
    expect(within(toast).getByRole('link', { name: 'View order' })).toHaveAttribute('href', `/orders/${ORDER_ID}`);
    expect(within(region()).getByRole('list')).toHaveAttribute('aria-live', 'polite');
  });

  it("does not toast another user's events, nor the user's own new order", async () => {
    const realtime = await renderToaster();

    realtime.emit(orderUpdated('cancelled', 'awaiting_payment', OTHER_USER));
    realtime.emit({ ...orderUpdated('pending', 'pending'), type: 'order.created' });
    realtime.emit({
      type: 'payment.failed',
      eventId: 99,
      resourceType: 'payment',
      resourceId: 'p-1',
      payload: {
        id: 'p-1',
        userId: OTHER_USER,
        orderId: ORDER_ID,
        amount: { amount: '10.00', currency: 'USD' },
        status: 'failed',
      },
    });

    expect(within(region()).queryAllByRole('listitem')).toHaveLength(0);
  });

  it('keeps one toast per order, at most a few in all, and dismisses on request', async () => {
    const realtime = await renderToaster();

    realtime.emit(orderUpdated('awaiting_payment', 'awaiting_approval'));
    realtime.emit(orderUpdated('paid', 'awaiting_payment'));
    expect(within(region()).getAllByRole('listitem')).toHaveLength(1);
    expect(region()).toHaveTextContent('Your order “AI Course: Cloud” is paid.');

    for (let index = 0; index < MAX_TOASTS + 1; index += 1) {
      realtime.emit(orderUpdated('completed', 'fulfilling', USER.id, `order-${index}`));
    }
    expect(within(region()).getAllByRole('listitem')).toHaveLength(MAX_TOASTS);

    const first = within(region()).getAllByRole('listitem')[0]!;
    await userEvent.setup().click(within(first).getByRole('button', { name: 'Dismiss notification' }));
    expect(within(region()).getAllByRole('listitem')).toHaveLength(MAX_TOASTS - 1);
  });

  it('hides a toast after a while, but not while the pointer is on it', async () => {
    const realtime = await renderToaster();
    vi.useFakeTimers();

    realtime.emit(orderUpdated('completed', 'fulfilling'));
    const toast = within(region()).getByRole('listitem');
    fireEvent.mouseEnter(toast);
    act(() => {
      vi.advanceTimersByTime(TOAST_DURATION_MS * 2);
    });
    expect(within(region()).getAllByRole('listitem')).toHaveLength(1);

    fireEvent.mouseLeave(toast);
    act(() => {
      vi.advanceTimersByTime(TOAST_DURATION_MS);
    });
    expect(within(region()).queryAllByRole('listitem')).toHaveLength(0);
  });

  it('stays quiet about the order whose page is open (it updates itself there)', async () => {
    const realtime = await renderToaster(`/orders/${ORDER_ID}`);

    realtime.emit(orderUpdated('paid', 'awaiting_payment'));

    expect(within(region()).queryAllByRole('listitem')).toHaveLength(0);
  });
});

describe('which events concern me', () => {
  const me = { id: USER.id };
  const approval = (approvers: string[], extra: Record<string, unknown> = {}): RealtimeEvent => ({
    type: 'approval.requested',
    eventId: 7,
    resourceType: 'approval',
    resourceId: 'a-1',
    payload: {
      id: 'a-1',
      requesterId: OTHER_USER,
      status: 'pending',
      category: 'ai_course_generation',
      amount: { amount: '2500.00', currency: 'USD' },
      currentStage: 0,
      stages: [{ index: 0, approvers, decisions: [] }],
      ...extra,
    },
  });

  it('an approval request whose current stage asks me', () => {
    expect(toastFor(approval([USER.id]), me, '/catalog')).toMatchObject({
      key: 'approval:a-1',
      message: 'notifications.approval.requested',
      href: '/approvals/a-1',
    });
    expect(toastFor(approval([OTHER_USER]), me, '/catalog')).toBeNull();
    expect(toastFor(approval([USER.id], { requesterId: USER.id }), me, '/catalog')).toBeNull();
    expect(toastFor(approval([USER.id]), me, '/approvals/a-1')).toBeNull();
  });

  it('my job completed or failed, linked to the studio', () => {
    const job = (type: string, userId: string): RealtimeEvent => ({
      type,
      eventId: 8,
      resourceType: 'job',
      resourceId: 'j-1',
      payload: {
        id: 'j-1',
        userId,
        type: 'course_generation',
        status: type.split('.')[1],
        orderId: null,
        input: { topic: 'Cloud basics' },
      },
    });
    expect(toastFor(job('job.completed', USER.id), me, '/catalog')).toMatchObject({
      message: 'notifications.job.courseReady',
      values: { title: 'Cloud basics' },
      href: '/studio/jobs/j-1',
    });
    expect(toastFor(job('job.failed', USER.id), me, '/catalog')).toMatchObject({
      tone: 'error',
      message: 'notifications.job.failed',
    });
    expect(toastFor(job('job.progress', USER.id), me, '/catalog')).toBeNull();
    expect(toastFor(job('job.completed', OTHER_USER), me, '/catalog')).toBeNull();
  });

  it('my payment succeeded or failed, unless I am on that order’s page', () => {
    const payment = (type: string): RealtimeEvent => ({
      type,
      eventId: 9,
      resourceType: 'payment',
      resourceId: 'p-1',
      payload: {
        id: 'p-1',
        userId: USER.id,
        orderId: ORDER_ID,
        amount: { amount: '2500.00', currency: 'USD' },
        failureMessage: 'Your card was declined.',
      },
    });
    expect(toastFor(payment('payment.failed'), me, '/orders')).toMatchObject({
      message: 'notifications.payment.failedBecause',
      values: { reason: 'Your card was declined.' },
      money: { amount: { amount: '2500.00', currency: 'USD' } },
    });
    expect(toastFor(payment('payment.succeeded'), me, '/orders')).toMatchObject({ tone: 'success' });
    expect(toastFor(payment('payment.succeeded'), me, `/orders/${ORDER_ID}/checkout`)).toBeNull();
  });
});
