import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, problem, USER, type Call } from '@/testing/http';
import { anOrder, ORDER_ID, renderLive } from '../test-utils';
import type { Payment } from '../types';
import { AdminOrdersPage } from './admin-orders-page';
import { OrderDetailPage } from './order-detail-page';

const ADMIN = { ...USER, id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', roles: ['customer', 'admin'] };
const CUSTOMER_ID = USER.id;
const PAYMENT_ID = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

const paidOrder = anOrder({
  status: 'paid',
  paymentId: PAYMENT_ID,
  total: { amount: '99.00', currency: 'USD' },
});

function payment(changes: Partial<Payment> = {}): Payment {
  return {
    id: PAYMENT_ID,
    orderId: ORDER_ID,
    amount: { amount: '99.00', currency: 'USD' },
    refundedAmount: { amount: '0.00', currency: 'USD' },
    status: 'succeeded',
    provider: 'sandbox',
    paymentMethodType: 'card',
    failureCode: null,
    failureMessage: null,
    createdAt: '2026-11-26T07:00:00Z',
    settledAt: '2026-11-26T07:00:01Z',
    version: 1,
    ...changes,
  };
}

function refund(amount: string, status = 'succeeded') {
  return {
    id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
    paymentId: PAYMENT_ID,
    orderId: ORDER_ID,
    amount: { amount, currency: 'USD' },
    status,
    reason: 'Customer asked',
    requestedBy: ADMIN.id,
    automatic: false,
    failureCode: null,
    failureMessage: null,
    createdAt: '2026-11-27T07:00:00Z',
    updatedAt: '2026-11-27T07:00:00Z',
    settledAt: '2026-11-27T07:00:00Z',
  };
}

describe("the admins' orders", () => {
  it('lists every customer’s orders and narrows them to one customer', async () => {
    const { fetch, calls } = fakeFetch((call) =>
      call.url === '/api/auth/me' ? json(200, ADMIN) : json(200, { items: [paidOrder], page: 0, size: 20, total: 1 }),
    );
    vi.stubGlobal('fetch', fetch);
    renderLive(<AdminOrdersPage />, { path: '/admin/orders', route: '/admin/orders' });
    const user = userEvent.setup();

    const row = await screen.findByTestId(`admin-order-row-${ORDER_ID}`);
    expect(screen.getByRole('heading', { name: 'All orders' })).toBeVisible();
    expect(within(row).getByRole('link', { name: 'Technical Support: Priority' })).toHaveAttribute('href', `/orders/${ORDER_ID}`);
    expect(calls.find((call) => call.url.startsWith('/api/orders'))?.url).toBe(
      '/api/orders?page=0&size=20&sort=createdAt%2Cdesc',
    );

    await user.click(within(row).getByRole('button', { name: `Customer ${CUSTOMER_ID.slice(0, 8)}` }));

    await waitFor(() => expect(calls.at(-1)?.url).toBe(`/api/orders?userId=${CUSTOMER_ID}&page=0&size=20&sort=createdAt%2Cdesc`));
    expect(await screen.findByRole('heading', { name: `Orders of customer ${CUSTOMER_ID.slice(0, 8)}` })).toBeVisible();
  }, 20_000);

  it("offers an admin on a customer's order the way back to all orders, and the owner the way to theirs", async () => {
    const answer = (me: typeof USER) => (call: Call) => {
      if (call.url === '/api/auth/me') return json(200, me);
      if (call.url.startsWith(`/api/orders/${ORDER_ID}/payments`)) return json(200, { items: [], page: 0, size: 20, total: 0 });
      return json(200, anOrder());
    };
    vi.stubGlobal('fetch', fakeFetch(answer(ADMIN)).fetch);
    const admin = renderLive(<OrderDetailPage />, { path: `/orders/${ORDER_ID}`, route: '/orders/:orderId' });
    expect(await screen.findByRole('link', { name: '← Back to all orders' })).toHaveAttribute('href', '/admin/orders');
    expect(screen.queryByRole('link', { name: '← Back to my orders' })).toBeNull();
    admin.unmount();

    vi.stubGlobal('fetch', fakeFetch(answer(USER)).fetch);
    renderLive(<OrderDetailPage />, { path: `/orders/${ORDER_ID}`, route: '/orders/:orderId' });
    expect(await screen.findByRole('link', { name: '← Back to my orders' })).toHaveAttribute('href', '/orders');
  }, 20_000);

  it('refunds part of a payment with an idempotency key, explains a refund beyond what is left, and lists the refunds', async () => {
    let refunds: ReturnType<typeof refund>[] = [];
    let refunded = '0.00';
    const { fetch, calls } = fakeFetch((call) => {
      if (call.url === '/api/auth/me') return json(200, ADMIN);
      if (call.url.startsWith(`/api/orders/${ORDER_ID}/payments`)) {
        return json(200, {
          items: [
            payment({
              refundedAmount: { amount: refunded, currency: 'USD' },
              status: refunded === '0.00' ? 'succeeded' : 'partially_refunded',
            }),
          ],
          page: 0,
          size: 20,
          total: 1,
        });
      }
      if (call.url === `/api/payments/${PAYMENT_ID}/refunds` && call.method === 'GET') {
        return json(200, { items: refunds, page: 0, size: refunds.length, total: refunds.length });
      }
      if (call.url === `/api/payments/${PAYMENT_ID}/refunds` && call.method === 'POST') {
        const body = call.body as { amount?: string };
        if (body.amount === '500') {
          return problem(422, 'refund_exceeds_captured', 'Too much', {
            capturedAmount: { amount: '99.00', currency: 'USD' },
            refundableAmount: { amount: '99.00', currency: 'USD' },
          });
        }
        refunds = [refund(body.amount ?? '99.00')];
        refunded = body.amount ?? '99.00';
        return json(201, refunds[0]);
      }
      return json(200, paidOrder);
    });
    vi.stubGlobal('fetch', fetch);
    renderLive(<OrderDetailPage />, { path: `/orders/${ORDER_ID}`, route: '/orders/:orderId' });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Refund this payment…' }));
    expect(screen.getByText('Refundable: $99.00 of $99.00')).toBeVisible();
    await user.type(screen.getByLabelText('Amount (USD)'), '12.345');
    await user.click(screen.getByRole('button', { name: 'Refund' }));
    expect(await screen.findByText('Enter an amount like 12.50, more than zero.')).toBeVisible();
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    await user.clear(screen.getByLabelText('Amount (USD)'));
    await user.type(screen.getByLabelText('Amount (USD)'), '500');
    await user.click(screen.getByRole('button', { name: 'Refund' }));
    expect(await screen.findByText('At most $99.00 can still be refunded.')).toBeVisible();

    await user.clear(screen.getByLabelText('Amount (USD)'));
    await user.type(screen.getByLabelText('Amount (USD)'), '20.50');
    await user.type(screen.getByLabelText('Reason (optional)'), 'Customer asked');
    await user.click(screen.getByRole('button', { name: 'Refund' }));

    expect(await screen.findByText('Refunded $20.50.')).toBeVisible();
    const posts = calls.filter((call) => call.method === 'POST');
    expect(posts.at(-1)?.body).toEqual({ amount: '20.50', reason: 'Customer asked' });
    expect(posts.at(-1)?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(posts.at(-1)?.headers['idempotency-key']).not.toBe(posts.at(-2)?.headers['idempotency-key']);
    const entry = await screen.findByTestId('refund-cccccccc-cccc-4ccc-8ccc-cccccccccccc');
    expect(entry).toHaveTextContent('Refunded');
    expect(entry).toHaveTextContent('$20.50');
  }, 30_000);

  it('offers customers no refund', async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch((call) => {
        if (call.url === '/api/auth/me') return json(200, USER);
        if (call.url.startsWith(`/api/orders/${ORDER_ID}/payments`))
          return json(200, { items: [payment()], page: 0, size: 20, total: 1 });
        if (call.url.startsWith('/api/payments/')) return json(200, { items: [], page: 0, size: 0, total: 0 });
        return json(200, paidOrder);
      }).fetch,
    );
    renderLive(<OrderDetailPage />, { path: `/orders/${ORDER_ID}`, route: '/orders/:orderId' });

    expect(await screen.findByText('Payment attempts', { exact: false })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Refund this payment…' })).toBeNull();
  }, 20_000);
});
