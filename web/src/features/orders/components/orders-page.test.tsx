import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, USER, type Call } from '@/testing/http';
import { anOrder, ORDER_ID, renderLive } from '../test-utils';
import { OrdersPage } from './orders-page';

/** The signed-in user (`/api/auth/me`), else `answer`. */
function asUser(answer: (call: Call) => Response, roles: string[] = ['customer']) {
  return (call: Call) => (call.url === '/api/auth/me' ? json(200, { ...USER, roles }) : answer(call));
}

const MINE = `userId=${USER.id}`;

describe('my orders', () => {
  it('lists my orders with status and money per locale, filters by status, and follows status changes live', async () => {
    const order = anOrder({ quantity: 2, total: { amount: '198.00', currency: 'USD' } });
    const { fetch, calls } = fakeFetch(asUser(() => json(200, { items: [order], page: 0, size: 10, total: 1 })));
    vi.stubGlobal('fetch', fetch);
    const live = renderLive(<OrdersPage />, { path: '/orders', route: '/orders' });
    const user = userEvent.setup();

    const row = await screen.findByTestId(`order-row-${ORDER_ID}`);
    expect(within(row).getByRole('link', { name: 'Technical Support: Priority' })).toHaveAttribute('href', `/orders/${ORDER_ID}`);
    expect(within(row).getByText('$198.00')).toBeVisible();
    expect(within(row).getByText('Awaiting payment')).toBeVisible();
    expect(within(row).getByText('Quantity 2')).toBeVisible();
    expect(screen.getByText('1 order')).toBeVisible();
    expect(calls.find((call) => call.url.startsWith('/api/orders'))?.url).toBe(
      `/api/orders?${MINE}&page=0&size=10&sort=createdAt%2Cdesc`,
    );

    await live.connect();
    await waitFor(() => expect(live.topics()).toContain('orders'));
    await live.emit('order.updated', { ...order, status: 'paid', version: 3, resourceType: 'order', resourceId: ORDER_ID });
    expect(within(row).getByText('Paid')).toBeVisible();

    await user.selectOptions(screen.getByLabelText('Status'), 'completed');
    await waitFor(() =>
      expect(calls.at(-1)?.url).toBe(`/api/orders?status=completed&${MINE}&page=0&size=10&sort=createdAt%2Cdesc`),
    );
  }, 20_000);

  it('formats money and dates in Japanese', async () => {
    const order = anOrder({ total: { amount: '5000', currency: 'JPY' }, unitPrice: { amount: '5000', currency: 'JPY' } });
    vi.stubGlobal('fetch', fakeFetch(asUser(() => json(200, { items: [order], page: 0, size: 10, total: 1 }))).fetch);
    renderLive(<OrdersPage />, { path: '/orders', route: '/orders', locale: 'ja' });

    const row = await screen.findByTestId(`order-row-${ORDER_ID}`);
    expect(within(row).getByText('￥5,000')).toBeVisible();
    expect(within(row).getByText('支払い待ち')).toBeVisible();
  }, 20_000);

  it('invites to the catalog when there are no orders', async () => {
    vi.stubGlobal('fetch', fakeFetch(asUser(() => json(200, { items: [], page: 0, size: 10, total: 0 }))).fetch);
    renderLive(<OrdersPage />, { path: '/orders', route: '/orders' });

    expect(await screen.findByText('No orders yet')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Browse the catalog' })).toHaveAttribute('href', '/catalog');
  }, 20_000);

  it("shows an admin only their own orders, the way to everyone's being Admin → Orders", async () => {
    const { fetch, calls } = fakeFetch(
      asUser(() => json(200, { items: [], page: 0, size: 10, total: 0 }), ['customer', 'admin']),
    );
    vi.stubGlobal('fetch', fetch);
    renderLive(<OrdersPage />, { path: '/orders', route: '/orders' });

    expect(await screen.findByText('No orders yet')).toBeVisible();
    const listCalls = calls.filter((call) => call.url.startsWith('/api/orders'));
    expect(listCalls.length).toBeGreaterThan(0);
    expect(listCalls.every((call) => call.url.includes(MINE))).toBe(true);
  }, 20_000);
});
