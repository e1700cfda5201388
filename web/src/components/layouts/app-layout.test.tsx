import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { session } from '@/lib/auth/session';
import { createRealtimeConnection } from '@/lib/realtime/realtime-connection';
import { fakeFetch, json, USER } from '@/testing/http';
import { renderRoutes } from '@/testing/render';
import { AppLayout } from './app-layout';

function renderLayout() {
  const connection = createRealtimeConnection({
    url: () => 'ws://test/ws',
    token: async () => null,
    createSocket: () => {
      throw new Error('no socket in this test');
    },
  });
  renderRoutes([{ path: '/', element: <AppLayout onSignOut={async () => {}} /> }], '/', { connection });
}

describe('the navigation', () => {
  it('offers the catalog and sign-in to visitors', () => {
    renderLayout();

    expect(screen.getByRole('link', { name: 'Catalog' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Sign in' })).toBeVisible();
    expect(screen.queryByRole('link', { name: 'My orders' })).toBeNull();
  });

  it.each([
    [['customer'], ['Catalog', 'My orders', 'AI studio', 'Library']],
    [
      ['customer', 'approver'],
      ['Catalog', 'My orders', 'AI studio', 'Library', 'Approvals'],
    ],
    [
      ['customer', 'approver', 'admin'],
      ['Catalog', 'My orders', 'AI studio', 'Library', 'Approvals', 'Admin'],
    ],
  ])('shows the pages of a user with roles %j', async (roles, links) => {
    await session.establish({ accessToken: 'token', refreshToken: 'refresh' });
    vi.stubGlobal('fetch', fakeFetch(() => json(200, { ...USER, roles })).fetch);
    renderLayout();

    await waitFor(() => expect(screen.getByTestId('current-user')).toHaveTextContent('Hana'));
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const names = [...nav.querySelectorAll('ul a')].map((link) => link.textContent);
    expect(names).toEqual(links);
  });
});
