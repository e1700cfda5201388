import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { generationHandoff } from '@/components/generation-request/handoff';
import type { CourseInput } from '@/components/generation-request/schema';
import { session } from '@/lib/auth/session';
import { aProduct, PRODUCT_ID } from '@/testing/fixtures';
import { fakeFetch, json, problem, USER } from '@/testing/http';
import { renderRoutes } from '@/testing/render';
import { ordersRoutes } from '../routes';
import { anOrder, ORDER_ID, renderNewOrder } from '../test-utils';

const courseProduct = aProduct();

async function fillCourse(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Topic'), 'Cloud architecture for platform teams');
  await user.type(screen.getByLabelText('Audience'), 'Senior engineers');
  await user.type(screen.getByLabelText('Objective 1'), 'Design multi-region systems');
  await user.type(screen.getByLabelText('Objective 2'), 'Plan capacity and cost');
  await user.type(screen.getByLabelText('Objective 3'), 'Operate with SLOs');
}

describe('ordering an AI course', () => {
  it('checks the course request with the server’s rules before sending anything', async () => {
    const calls = renderNewOrder(courseProduct, () => json(201, anOrder()));
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { level: 2, name: 'Your generation request' })).toBeVisible();
    await user.type(screen.getByLabelText('Topic'), 'AWS');
    await user.click(screen.getByRole('button', { name: 'Place order' }));

    expect(await screen.findByText('Enter a topic of at least 5 characters.')).toBeVisible();
    expect(screen.getByText('Say who it is for.')).toBeVisible();
    expect(screen.getAllByText('Enter this objective, or remove it.')).toHaveLength(3);
    expect(screen.getByLabelText('Topic')).toHaveAttribute('aria-invalid', 'true');
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);
  }, 20_000);

  it('sends the request as the API input and shows the server’s input errors on their fields', async () => {
    let answer = problem(422, 'invalid_input', 'The input does not match the schema', {
      errors: [
        { field: 'input.topic', message: 'must match pattern "\\S"' },
        { field: 'input.learningObjectives[1]', message: 'must be at most 300 characters long' },
      ],
    });
    const calls = renderNewOrder(courseProduct, () => answer);
    const user = userEvent.setup();

    await screen.findByRole('heading', { level: 2, name: 'Your generation request' });
    await fillCourse(user);
    const quantity = screen.getByLabelText('Quantity');
    await user.clear(quantity);
    await user.type(quantity, '2');
    expect(screen.getByText('$5,000.00')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Place order' }));

    expect(await screen.findByText('must match pattern "\\S"')).toBeVisible();
    expect(screen.getByLabelText('Topic')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('must be at most 300 characters long')).toBeVisible();
    expect(screen.getByLabelText('Objective 2')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText('The input does not match the schema')).toBeNull();

    const post = calls.find((call) => call.method === 'POST');
    expect(post?.url).toBe('/api/orders');
    expect(post?.body).toEqual({
      productId: PRODUCT_ID,
      quantity: 2,
      input: {
        topic: 'Cloud architecture for platform teams',
        targetAudience: 'Senior engineers',
        difficulty: 'beginner',
        estimatedHours: 4,
        learningObjectives: ['Design multi-region systems', 'Plan capacity and cost', 'Operate with SLOs'],
        format: 'text',
        language: 'en',
      },
    });

    answer = problem(400, 'validation_failed', 'The request has invalid fields', {
      errors: [{ field: 'quantity', message: 'must be greater than or equal to 1' }],
    });
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    expect(await screen.findByText('must be greater than or equal to 1')).toBeVisible();
    expect(quantity).toHaveAttribute('aria-invalid', 'true');

    answer = json(201, anOrder({ status: 'awaiting_approval' }));
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`/orders/${ORDER_ID}`));
  }, 20_000);

  it('starts from the request the customer brought from the studio', async () => {
    await session.establish({ accessToken: 'token', refreshToken: 'refresh' });
    const { fetch, calls } = fakeFetch((call) => {
      if (call.url === '/api/auth/me') return json(200, USER);
      if (call.url === `/api/products/${PRODUCT_ID}`) return json(200, courseProduct);
      if (call.method === 'POST') return json(201, anOrder());
      return json(404, {});
    });
    vi.stubGlobal('fetch', fetch);
    const studioInput: CourseInput = {
      topic: 'Negotiation for engineers',
      targetAudience: 'Tech leads',
      difficulty: 'intermediate',
      estimatedHours: 2,
      learningObjectives: ['Prepare', 'Anchor', 'Close'],
      format: 'text',
      language: 'en',
    };
    const { router } = renderRoutes([{ path: '/orders', children: ordersRoutes }], '/orders');
    await router.navigate(`/orders/new?productId=${PRODUCT_ID}`, { state: generationHandoff(studioInput) });

    expect(await screen.findByLabelText('Topic')).toHaveValue('Negotiation for engineers');
    expect(
      screen.getByText('Filled in with the request you entered in the AI studio; change anything before you order.'),
    ).toBeVisible();
    expect(screen.getByLabelText('Objective 3')).toHaveValue('Close');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Place order' }));

    await waitFor(() => expect(calls.find((call) => call.method === 'POST')).toBeDefined());
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      productId: PRODUCT_ID,
      quantity: 1,
      input: studioInput,
    });
  }, 20_000);
});
