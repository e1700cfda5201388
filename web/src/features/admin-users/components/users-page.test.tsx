import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { session } from '@/lib/auth/session';
import { fakeFetch, json, problem, USER } from '@/testing/http';
import { renderWithProviders } from '@/testing/render';
import { UsersPage } from './users-page';

const ALLOWANCES = { defaultMonthlyTokens: 100000, roles: [] };

describe('the users and roles page', () => {
  it('makes a user an approver and shows the new roles in the list', async () => {
    await session.establish({ accessToken: 'admin-token', refreshToken: 'admin-refresh' });
    let roles = ['customer'];
    const { fetch, calls } = fakeFetch((call) => {
      if (call.url === '/api/admin/token-budgets') return json(200, ALLOWANCES);
      if (call.method === 'PUT') {
        roles = (call.body as { roles: string[] }).roles;
        return json(200, { ...USER, roles });
      }
      return json(200, { items: [{ ...USER, roles }], page: 0, size: 20, total: 1 });
    });
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<UsersPage />, { path: '/admin/users' });
    const user = userEvent.setup();

    const row = await screen.findByTestId(`user-row-${USER.email}`);
    await user.click(within(row).getByRole('button', { name: 'Edit roles of Hana' }));
    await user.click(within(row).getByRole('checkbox', { name: 'Approver' }));
    await user.click(within(row).getByRole('button', { name: 'Save' }));

    expect(await within(row).findByRole('list', { name: 'Roles' })).toHaveTextContent('Approver');
    const put = calls.find((call) => call.method === 'PUT');
    expect(put?.url).toBe(`/api/admin/users/${USER.id}/roles`);
    expect(put?.body).toEqual({ roles: ['customer', 'approver'] });
    expect(put?.headers.authorization).toBe('Bearer admin-token');
  });

  it('explains why the last admin cannot lose the admin role', async () => {
    await session.establish({ accessToken: 'admin-token', refreshToken: 'admin-refresh' });
    const { fetch } = fakeFetch((call) =>
      call.url === '/api/admin/token-budgets'
        ? json(200, ALLOWANCES)
        : call.method === 'PUT'
          ? problem(409, 'invalid_state', 'The last admin cannot lose the admin role')
          : json(200, { items: [{ ...USER, roles: ['customer', 'admin'] }], page: 0, size: 20, total: 1 }),
    );
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<UsersPage />, { path: '/admin/users' });
    const user = userEvent.setup();

    const row = await screen.findByTestId(`user-row-${USER.email}`);
    await user.click(within(row).getByRole('button', { name: 'Edit roles of Hana' }));
    await user.click(within(row).getByRole('checkbox', { name: 'Admin' }));
    await user.click(within(row).getByRole('button', { name: 'Save' }));

    expect(await within(row).findByRole('alert')).toHaveTextContent('The last admin cannot lose the admin role');
  });

  it('sets the allowance of a role and of one user', async () => {
    await session.establish({ accessToken: 'admin-token', refreshToken: 'admin-refresh' });
    let allowances: { defaultMonthlyTokens: number; roles: { role: string; monthlyTokens: number; updatedAt: string }[] } =
      ALLOWANCES;
    const budget = {
      userId: USER.id,
      limit: 100000,
      unlimited: false,
      used: 40000,
      reserved: 0,
      remaining: 60000,
      resetsAt: '2027-01-01T00:00:00Z',
      source: 'default',
    };
    const { fetch, calls } = fakeFetch((call) => {
      if (call.url === '/api/admin/token-budgets') return json(200, allowances);
      if (call.url === '/api/admin/token-budgets/roles/customer' && call.method === 'PUT') {
        const tokens = (call.body as { monthlyTokens: number }).monthlyTokens;
        allowances = { ...allowances, roles: [{ role: 'customer', monthlyTokens: tokens, updatedAt: '2026-12-06T10:00:00Z' }] };
        return json(200, allowances);
      }
      if (call.url === `/api/admin/token-budgets/users/${USER.id}`) {
        if (call.method === 'PUT') {
          const tokens = (call.body as { monthlyTokens: number }).monthlyTokens;
          return json(200, { ...budget, limit: tokens, remaining: tokens - 40000, source: 'user' });
        }
        return json(200, budget);
      }
      return json(200, { items: [USER], page: 0, size: 20, total: 1 });
    });
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<UsersPage />, { path: '/admin/users' });
    const user = userEvent.setup();

    expect(await screen.findByText(/Every user may use 100,000 tokens a month/)).toBeVisible();
    const customers = screen.getByLabelText('Tokens per month, role Customer');
    await user.type(customers, '20000');
    await user.click(within(customers.closest('form')!).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Set to 20,000 tokens.')).toBeVisible();
    expect(calls.find((call) => call.url.endsWith('/roles/customer'))?.body).toEqual({ monthlyTokens: 20000 });

    const row = await screen.findByTestId(`user-row-${USER.email}`);
    await user.click(within(row).getByRole('button', { name: 'AI allowance of Hana' }));
    expect(await within(row).findByTestId('user-allowance')).toHaveTextContent(
      '60,000 of 100,000 tokens left this month (the default)',
    );
    const own = within(row).getByLabelText('Tokens per month for Hana');
    await user.type(own, '-5');
    await user.click(within(row).getByRole('button', { name: 'Save' }));
    expect(await within(row).findByText('Enter a whole number of tokens, 0 or more.')).toBeVisible();
    await user.clear(own);
    await user.type(own, '250000');
    await user.click(within(row).getByRole('button', { name: 'Save' }));

    expect(await within(row).findByTestId('user-allowance')).toHaveTextContent(
      '210,000 of 250,000 tokens left this month (set for this user)',
    );
    expect(within(row).getByRole('button', { name: 'Use the role’s or default allowance' })).toBeVisible();
    const put = calls.find((call) => call.method === 'PUT' && call.url.includes('/users/'));
    expect(put?.body).toEqual({ monthlyTokens: 250000 });
  });
});
