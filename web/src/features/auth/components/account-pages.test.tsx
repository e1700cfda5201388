import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { session } from '@/lib/auth/session';
import { fakeFetch, json, problem, sessionBody, USER } from '@/testing/http';
import { renderWithProviders } from '@/testing/render';
import { ForgotPasswordPage } from './forgot-password-page';
import { PasswordForm, NameForm } from './profile-forms';
import { ResetPasswordPage } from './reset-password-page';

const TOKEN = 'q3Yk1vYx7yXb0Jb4W6H2r9sN0cFz5uE8tPaLmDgKiOw';

describe('a forgotten password', () => {
  it('asks for a link and says the same whatever the address', async () => {
    const { fetch, calls } = fakeFetch(() => new Response(null, { status: 202 }));
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<ForgotPasswordPage />, { path: '/forgot-password' });
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Send the link' }));
    expect(await screen.findByText('Enter your email address.')).toBeVisible();
    await user.type(screen.getByLabelText('Email'), 'hana@example.test');
    await user.click(screen.getByRole('button', { name: 'Send the link' }));

    expect(await screen.findByText('Check your email')).toBeVisible();
    expect(screen.getByText(/If an account uses hana@example\.test/)).toBeVisible();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ url: '/api/auth/password-reset', method: 'POST', body: { email: 'hana@example.test' } });
    expect(calls[0]?.headers.authorization).toBeUndefined();
  });

  it('sets a new password with the token of the link, in Japanese too', async () => {
    const { fetch, calls } = fakeFetch(() => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<ResetPasswordPage />, { path: `/reset-password#token=${TOKEN}`, locale: 'ja' });
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('新しいパスワード'), 'a brand new password');
    await user.type(screen.getByLabelText('新しいパスワード（確認）'), 'a brand new passwort');
    await user.click(screen.getByRole('button', { name: '新しいパスワードを設定' }));
    expect(await screen.findByText('2 つのパスワードが一致しません。')).toBeVisible();
    expect(calls).toHaveLength(0);

    await user.clear(screen.getByLabelText('新しいパスワード（確認）'));
    await user.type(screen.getByLabelText('新しいパスワード（確認）'), 'a brand new password');
    await user.click(screen.getByRole('button', { name: '新しいパスワードを設定' }));

    expect(await screen.findByText('パスワードを変更しました')).toBeVisible();
    expect(calls[0]).toMatchObject({
      url: '/api/auth/password-reset/confirm',
      method: 'POST',
      body: { token: TOKEN, password: 'a brand new password' },
    });
    expect(screen.getByRole('link', { name: 'ログイン' })).toHaveAttribute('href', '/sign-in');
  });

  it('explains a used or expired link and offers a new one', async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch(() => problem(400, 'validation_failed', 'Invalid', { errors: [{ field: 'token', message: 'is invalid' }] }))
        .fetch,
    );
    renderWithProviders(<ResetPasswordPage />, { path: `/reset-password#token=${TOKEN}` });
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('New password'), 'a brand new password');
    await user.type(screen.getByLabelText('New password, again'), 'a brand new password');
    await user.click(screen.getByRole('button', { name: 'Set the new password' }));

    expect(await screen.findByText('This link no longer works')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute('href', '/forgot-password');
  });

  it('says at once that a link without a token does not work', () => {
    renderWithProviders(<ResetPasswordPage />, { path: '/reset-password' });

    expect(screen.getByText('This link no longer works')).toBeVisible();
    expect(screen.queryByLabelText('New password')).toBeNull();
  });
});

describe('my profile', () => {
  it('saves a new name', async () => {
    void session.establish({ accessToken: 'access', refreshToken: 'refresh' });
    const { fetch, calls } = fakeFetch(() => json(200, { ...USER, name: 'Hana Sato' }));
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<NameForm name="Hana" />);
    const user = userEvent.setup();

    await user.clear(screen.getByLabelText('Name'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Enter your name.')).toBeVisible();
    await user.type(screen.getByLabelText('Name'), 'Hana Sato');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Your name is saved.')).toBeVisible();
    expect(calls.at(-1)).toMatchObject({ url: '/api/auth/me', method: 'PATCH', body: { name: 'Hana Sato' } });
  });

  it('changes the password with the current one and continues with the new session', async () => {
    void session.establish({ accessToken: 'access', refreshToken: 'refresh' });
    const { fetch, calls } = fakeFetch((call) => {
      const body = call.body as { currentPassword: string };
      return body.currentPassword === 'correct horse battery'
        ? json(200, sessionBody('new-access', 'new-refresh'))
        : problem(400, 'validation_failed', 'Invalid', {
            errors: [{ field: 'currentPassword', message: 'is not your current password' }],
          });
    });
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<PasswordForm />);
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Current password'), 'a wrong guess');
    await user.type(screen.getByLabelText('New password'), 'a brand new password');
    await user.type(screen.getByLabelText('New password, again'), 'a brand new password');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('That is not your current password.')).toBeVisible();

    await user.clear(screen.getByLabelText('Current password'));
    await user.type(screen.getByLabelText('Current password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Change password' }));

    expect(await screen.findByText('Your password is changed. Your other devices were signed out.')).toBeVisible();
    expect(calls.at(-1)).toMatchObject({
      url: '/api/auth/me/password',
      method: 'POST',
      body: { currentPassword: 'correct horse battery', newPassword: 'a brand new password' },
    });
    await waitFor(() => expect(session.accessToken()).toBe('new-access'));
  });
});
