import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, sessionBody } from '@/testing/http';
import { renderRoutes } from '@/testing/render';
import { SignInPage } from './sign-in-page';
import { SignUpPage } from './sign-up-page';

const routes = [
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/sign-up', element: <SignUpPage /> },
  { path: '/orders/new', element: <h1>New order</h1> },
  { path: '/me', element: <h1>Profile</h1> },
];

describe('switching from sign-in to sign-up', () => {
  it('keeps the page the customer was going to, and goes there after registering', async () => {
    vi.stubGlobal('fetch', fakeFetch(() => json(201, sessionBody('access-1', 'refresh-1'))).fetch);
    const { router } = renderRoutes(routes, '/sign-in?next=%2Forders%2Fnew%3FproductId%3Dp-1');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('link', { name: 'Sign up' }));
    expect(router.state.location.pathname).toBe('/sign-up');
    expect(router.state.location.search).toBe('?next=%2Forders%2Fnew%3FproductId%3Dp-1');
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute(
      'href',
      '/sign-in?next=%2Forders%2Fnew%3FproductId%3Dp-1',
    );

    await user.type(screen.getByLabelText('Name'), 'Hana');
    await user.type(screen.getByLabelText('Email'), 'hana@example.test');
    await user.type(screen.getByLabelText('Password'), 'long enough password');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/orders/new'));
    expect(router.state.location.search).toBe('?productId=p-1');
  });

  it('follows no address of another site, and lands on the profile without one', async () => {
    vi.stubGlobal('fetch', fakeFetch(() => json(201, sessionBody('access-1', 'refresh-1'))).fetch);
    const { router } = renderRoutes(routes, '/sign-up?next=%2F%2Fevil.example');
    const user = userEvent.setup();
    expect(await screen.findByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in');

    await user.type(screen.getByLabelText('Name'), 'Hana');
    await user.type(screen.getByLabelText('Email'), 'hana@example.test');
    await user.type(screen.getByLabelText('Password'), 'long enough password');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/me'));
  });
});
