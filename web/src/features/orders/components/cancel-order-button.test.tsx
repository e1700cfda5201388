import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, problem } from '@/testing/http';
import { anOrder, ORDER_ID, renderLive } from '../test-utils';
import { OrderDetailPage } from './order-detail-page';

describe('cancelling an order', () => {
  it('asks first, sends the reason, and shows the order cancelled', async () => {
    const { fetch, calls } = fakeFetch((call) => {
      if (call.method === 'POST' && call.url === `/api/orders/${ORDER_ID}/cancel`) {
        return json(200, anOrder({ status: 'cancelled', version: 3 }));
      }
      if (call.url.startsWith(`/api/orders/${ORDER_ID}/payments`)) return json(200, { items: [], page: 0, size: 20, total: 0 });
      return json(200, anOrder());
    });
    vi.stubGlobal('fetch', fetch);
    renderLive(<OrderDetailPage />, { path: `/orders/${ORDER_ID}`, route: '/orders/:orderId' });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Cancel order' }));
    const confirm = screen.getByRole('form', { name: 'Cancel this order?' });
    expect(screen.getByLabelText('Reason (optional)')).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: 'Keep the order' }));
    expect(screen.queryByRole('form', { name: 'Cancel this order?' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Cancel order' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Cancel order' }));
    await user.type(screen.getByLabelText('Reason (optional)'), 'Ordered the wrong plan');
    await user.click(screen.getByRole('button', { name: 'Yes, cancel the order' }));

    await waitFor(() => expect(screen.getByTestId('order-status')).toHaveTextContent('Cancelled'));
    expect(screen.queryByRole('region', { name: 'Checkout' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel order' })).toBeNull();
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ reason: 'Ordered the wrong plan' });
  }, 20_000);

  it('explains why an order can no longer be cancelled', async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch((call) =>
        call.method === 'POST'
          ? problem(409, 'invalid_state', 'The order is paid; only an admin can cancel it now')
          : call.url.includes('/payments')
            ? json(200, { items: [], page: 0, size: 20, total: 0 })
            : json(200, anOrder()),
      ).fetch,
    );
    renderLive(<OrderDetailPage />, { path: `/orders/${ORDER_ID}`, route: '/orders/:orderId' });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Cancel order' }));
    await user.click(screen.getByRole('button', { name: 'Yes, cancel the order' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('The order is paid; only an admin can cancel it now');
  }, 20_000);
});
