import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aProduct, PRODUCT_ID } from '@/testing/fixtures';
import { json, problem } from '@/testing/http';
import { anOrder, ORDER_ID, renderNewOrder } from '../test-utils';

const support = aProduct({
  name: 'Technical Support: Priority',
  description: 'Priority support by our engineers.',
  price: { amount: '99.00', currency: 'USD' },
  category: 'technical_support',
});

describe('the order form', () => {
  it('checks the quantity before asking the server and shows the total as it changes', async () => {
    const calls = renderNewOrder(support, () => json(201, anOrder()));
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { level: 1, name: 'Order Technical Support: Priority' })).toBeVisible();
    const quantity = screen.getByLabelText('Quantity');
    await user.clear(quantity);
    await user.type(quantity, '3');
    expect(screen.getByText('$297.00')).toBeVisible();
    await user.clear(quantity);
    await user.type(quantity, '0');
    // No total for no quantity (not the price of one).
    expect(screen.getByText('Total').parentElement).toHaveTextContent(/^Total —$/);

    await user.clear(quantity);
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    expect(await screen.findByText('Enter a quantity.')).toBeVisible();
    expect(quantity).toHaveAttribute('aria-invalid', 'true');
    expect(quantity).toHaveFocus();

    await user.type(quantity, '101');
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    expect(await screen.findByText('The quantity must be a whole number from 1 to 100.')).toBeVisible();
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);
  }, 20_000);

  it('puts the server’s field errors on the fields and its other refusals above the form', async () => {
    let answer = problem(400, 'validation_failed', 'The request has invalid fields', {
      errors: [{ field: 'quantity', message: 'must be less than or equal to 100' }],
    });
    const calls = renderNewOrder(support, () => answer);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Place order' }));
    expect(await screen.findByText('must be less than or equal to 100')).toBeVisible();
    expect(screen.getByLabelText('Quantity')).toHaveAttribute('aria-invalid', 'true');

    answer = problem(422, 'invalid_input', 'The input is invalid', {
      errors: [{ field: 'input', message: 'must be at most 10240 bytes' }],
    });
    await user.type(screen.getByLabelText('Notes for our team (optional)'), 'Please call first');
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    expect(await screen.findByText('must be at most 10240 bytes')).toBeVisible();
    expect(screen.getByLabelText('Notes for our team (optional)')).toHaveAttribute('aria-invalid', 'true');

    answer = problem(422, 'total_too_large', 'The total exceeds 99999999.99');
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    expect(await screen.findByText('The total is too large. Order fewer items.')).toBeVisible();

    answer = problem(422, 'product_unavailable', 'The product is not available');
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This product is no longer available to order.');

    const posts = calls.filter((call) => call.method === 'POST');
    expect(posts[0]?.body).toEqual({ productId: PRODUCT_ID, quantity: 1 });
    expect(posts[1]?.body).toEqual({ productId: PRODUCT_ID, quantity: 1, input: 'Please call first' });
    // Every answered submission is a new request with its own key.
    expect(new Set(posts.map((call) => call.headers['idempotency-key'])).size).toBe(posts.length);
  }, 20_000);

  it('sends one key for a submission whose answer was lost, so a retry cannot create a second order', async () => {
    let lose = true;
    const calls = renderNewOrder(support, () => {
      if (lose) {
        lose = false;
        throw new TypeError('Failed to fetch');
      }
      return json(201, anOrder());
    });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Place order' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The server cannot be reached.');
    await user.click(screen.getByRole('button', { name: 'Place order' }));

    await waitFor(() => expect(calls.filter((call) => call.method === 'POST')).toHaveLength(2));
    const [first, second] = calls.filter((call) => call.method === 'POST');
    expect(first?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(second?.headers['idempotency-key']).toBe(first?.headers['idempotency-key']);
    expect(await screen.findByTestId('location')).toHaveTextContent(`/orders/${ORDER_ID}`);
  }, 20_000);
});
