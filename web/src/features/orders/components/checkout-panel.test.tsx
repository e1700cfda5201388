import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, problem } from '@/testing/http';
import { anOrder, ORDER_ID, renderLive } from '../test-utils';
import { OrderDetailPage } from './order-detail-page';

const PAYMENTS = `/api/orders/${ORDER_ID}/payments`;

function payment(status: 'failed' | 'succeeded', extra: Record<string, unknown> = {}) {
  return {
    id: status === 'failed' ? 'a1111111-1111-4111-8111-111111111111' : 'b2222222-2222-4222-8222-222222222222',
    orderId: ORDER_ID,
    userId: 'u',
    amount: { amount: '99.00', currency: 'USD' },
    status,
    provider: 'sandbox',
    providerRef: 'pi_1',
    paymentMethodType: status === 'succeeded' ? 'card' : null,
    failureCode: status === 'failed' ? 'insufficient_funds' : null,
    failureMessage: status === 'failed' ? 'Your card has insufficient funds.' : null,
    refundedAmount: { amount: '0.00', currency: 'USD' },
    createdAt: '2026-11-26T07:01:00Z',
    updatedAt: '2026-11-26T07:01:00Z',
    settledAt: '2026-11-26T07:01:00Z',
    version: 1,
    ...extra,
  };
}

describe('checkout', () => {
  it('explains a decline with its code and plain words, then pays with another method', async () => {
    let order = anOrder();
    const attempts: unknown[] = [];
    const { fetch, calls } = fakeFetch((call) => {
      if (call.method === 'POST' && call.url === PAYMENTS) {
        const method = (call.body as { paymentMethod: string }).paymentMethod;
        if (method === 'pm_card_chargeDeclinedInsufficientFunds') {
          attempts.unshift(payment('failed'));
          return problem(402, 'payment_declined', 'The payment was declined', {
            paymentId: 'a1111111-1111-4111-8111-111111111111',
            declineCode: 'insufficient_funds',
            declineMessage: 'Your card has insufficient funds.',
          });
        }
        attempts.unshift(payment('succeeded'));
        order = anOrder({ status: 'paid', version: 3 });
        return json(201, payment('succeeded'));
      }
      if (call.url.startsWith(PAYMENTS)) {
        return json(200, { items: attempts, page: 0, size: 20, total: attempts.length });
      }
      return json(200, order);
    });
    vi.stubGlobal('fetch', fetch);
    renderLive(<OrderDetailPage />, { path: `/orders/${ORDER_ID}`, route: '/orders/:orderId' });
    const user = userEvent.setup();

    const checkout = await screen.findByRole('region', { name: 'Checkout' });
    const method = within(checkout).getByLabelText('Payment method');
    expect(within(method).getByRole('option', { name: 'pm_card_visa — Visa, succeeds' })).toBeInTheDocument();
    expect(
      within(method).getByRole('option', { name: 'pm_card_chargeDeclined — Card declined by the bank' }),
    ).toBeInTheDocument();

    await user.selectOptions(method, 'pm_card_chargeDeclinedInsufficientFunds');
    await user.click(within(checkout).getByRole('button', { name: 'Pay $99.00' }));

    const alert = await within(checkout).findByRole('alert');
    expect(alert).toHaveTextContent('Payment declined');
    expect(alert).toHaveTextContent('The card does not have enough funds for this payment.');
    expect(alert).toHaveTextContent('Reason code: insufficient_funds');
    expect(alert).toHaveTextContent('Choose another payment method and pay again.');
    expect(await screen.findByRole('region', { name: 'Payment attempts' })).toHaveTextContent('Declined');

    await user.selectOptions(method, 'pm_card_visa');
    await user.click(within(checkout).getByRole('button', { name: 'Pay $99.00' }));

    expect(await screen.findByText('Payment received. Thank you!')).toBeVisible();
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Checkout' })).toBeNull());
    expect(screen.getByTestId('order-status')).toHaveTextContent('Paid');

    const posts = calls.filter((call) => call.method === 'POST');
    expect(posts.map((call) => call.body)).toEqual([
      { paymentMethod: 'pm_card_chargeDeclinedInsufficientFunds' },
      { paymentMethod: 'pm_card_visa' },
    ]);
    const keys = posts.map((call) => call.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[0]).not.toBe(keys[1]);
  }, 20_000);

  it('waits for a payment the provider has not confirmed, and reopens the form when it fails', async () => {
    const processing = payment('failed', { status: 'processing', failureCode: null, failureMessage: null, settledAt: null });
    let attempts: unknown[] = [];
    const { fetch } = fakeFetch((call) => {
      if (call.method === 'POST') {
        attempts = [processing];
        return json(202, processing);
      }
      if (call.url.startsWith(PAYMENTS)) return json(200, { items: attempts, page: 0, size: 20, total: attempts.length });
      return json(200, anOrder());
    });
    vi.stubGlobal('fetch', fetch);
    const live = renderLive(<OrderDetailPage />, { path: `/orders/${ORDER_ID}`, route: '/orders/:orderId' });
    const user = userEvent.setup();

    const checkout = await screen.findByRole('region', { name: 'Checkout' });
    await user.selectOptions(within(checkout).getByLabelText('Payment method'), 'pm_card_processingError');
    await user.click(within(checkout).getByRole('button', { name: 'Pay $99.00' }));
    expect(await within(checkout).findByText(/has not confirmed the payment yet/)).toBeVisible();
    expect(within(checkout).queryByRole('button', { name: 'Pay $99.00' })).toBeNull();

    await live.connect();
    const failed = {
      ...processing,
      status: 'failed',
      failureCode: 'processing_error',
      failureMessage: 'An error occurred while processing your card.',
      version: 2,
    };
    attempts = [failed];
    await live.emit('payment.failed', {
      ...failed,
      resourceType: 'payment',
      resourceId: failed.id,
      previousStatus: 'processing',
    });

    const alert = await within(checkout).findByRole('alert');
    expect(alert).toHaveTextContent('The bank had an error processing the card.');
    expect(alert).toHaveTextContent('Reason code: processing_error');
    expect(within(checkout).getByRole('button', { name: 'Pay $99.00' })).toBeVisible();
  }, 20_000);

  it('retries an attempt whose answer was lost with the same Idempotency-Key', async () => {
    let failNext = true;
    const { fetch, calls } = fakeFetch((call) => {
      if (call.method === 'POST') {
        if (failNext) {
          failNext = false;
          throw new TypeError('Failed to fetch');
        }
        return json(201, payment('succeeded'));
      }
      if (call.url.startsWith(PAYMENTS)) {
        return json(200, { items: [], page: 0, size: 20, total: 0 });
      }
      return json(200, anOrder());
    });
    vi.stubGlobal('fetch', fetch);
    renderLive(<OrderDetailPage />, { path: `/orders/${ORDER_ID}`, route: '/orders/:orderId' });
    const user = userEvent.setup();

    const checkout = await screen.findByRole('region', { name: 'Checkout' });
    await user.click(within(checkout).getByRole('button', { name: 'Pay $99.00' }));
    expect(await within(checkout).findByRole('alert')).toHaveTextContent('The server cannot be reached.');
    await user.click(within(checkout).getByRole('button', { name: 'Pay $99.00' }));

    await waitFor(() => expect(calls.filter((call) => call.method === 'POST')).toHaveLength(2));
    const [first, second] = calls.filter((call) => call.method === 'POST');
    expect(second?.headers['idempotency-key']).toBe(first?.headers['idempotency-key']);
  }, 20_000);
});
