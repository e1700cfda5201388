import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { session } from '@/lib/auth/session';
import { fakeFetch, json, problem, USER } from '@/testing/http';
import { renderWithProviders } from '@/testing/render';
import { UsersPage } from './users-page';

describe('the users and roles page', () => {
  it('makes a user an approver and shows the new roles in the list', async () => {
    await session.establish({ accessToken: 'admin-token', refreshToken: 'admin-refresh' });
    let roles = ['customer'];
    const { fetch, calls } = fakeFetch((call) => {
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
      call.method === 'PUT'
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
});
