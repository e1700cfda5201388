import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { session } from '@/lib/auth/session';
import { fakeFetch, json, problem, sessionBody } from '@/testing/http';
import { renderWithProviders } from '@/testing/render';
import { registerInputSchema } from '../api/register';
import { SignUpForm } from './sign-up-form';

function messagesOf(input: unknown) {
  const result = registerInputSchema.safeParse(input);
  // The first broken rule of each field, as the form shows it.
  return result.success ? {} : Object.fromEntries(result.error.issues.reverse().map((issue) => [issue.path[0], issue.message]));
}

describe('the sign-up rules match the server', () => {
  const valid = { email: 'hana@example.test', password: 'x'.repeat(8), name: 'Hana' };

  it('accepts passwords of 8 to 128 characters and nothing outside', () => {
    expect(messagesOf({ ...valid, password: 'x'.repeat(7) })).toEqual({ password: 'auth.validation.passwordTooShort' });
    expect(messagesOf({ ...valid, password: 'x'.repeat(8) })).toEqual({});
    expect(messagesOf({ ...valid, password: 'x'.repeat(128) })).toEqual({});
    expect(messagesOf({ ...valid, password: 'x'.repeat(129) })).toEqual({ password: 'auth.validation.passwordTooLong' });
  });

  it('counts spaces in passwords, as the server does', () => {
    expect(messagesOf({ ...valid, password: '        ' })).toEqual({});
  });

  it('wants an email address with a domain', () => {
    expect(messagesOf({ ...valid, email: '' })).toEqual({ email: 'auth.validation.emailRequired' });
    expect(messagesOf({ ...valid, email: 'hana' })).toEqual({ email: 'auth.validation.emailInvalid' });
    expect(messagesOf({ ...valid, email: 'hana@example' })).toEqual({ email: 'auth.validation.emailInvalid' });
    expect(messagesOf({ ...valid, email: 'ha na@example.test' })).toEqual({ email: 'auth.validation.emailInvalid' });
    expect(messagesOf({ ...valid, email: `${'a'.repeat(250)}@x.io` })).toEqual({});
    expect(messagesOf({ ...valid, email: `${'a'.repeat(251)}@x.io` })).toEqual({ email: 'auth.validation.emailTooLong' });
  });

  it('wants a name that is not blank and at most 255 characters', () => {
    expect(messagesOf({ ...valid, name: '   ' })).toEqual({ name: 'auth.validation.nameRequired' });
    expect(messagesOf({ ...valid, name: 'n'.repeat(255) })).toEqual({});
    expect(messagesOf({ ...valid, name: 'n'.repeat(256) })).toEqual({ name: 'auth.validation.nameTooLong' });
  });
});

describe('the sign-up form', () => {
  async function fill(values: { name?: string; email?: string; password?: string }) {
    const user = userEvent.setup();
    if (values.name !== undefined) await user.type(screen.getByLabelText('Name'), values.name);
    if (values.email !== undefined) await user.type(screen.getByLabelText('Email'), values.email);
    if (values.password !== undefined) await user.type(screen.getByLabelText('Password'), values.password);
    await user.click(screen.getByRole('button', { name: 'Create account' }));
  }

  it('shows every broken rule on its field without calling the server', async () => {
    const { fetch, calls } = fakeFetch(() => json(500, {}));
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<SignUpForm onSuccess={() => {}} />);

    await fill({ email: 'hana', password: 'short' });

    expect(await screen.findByText('Enter your name.')).toBeVisible();
    expect(screen.getByText('Enter an email address like name@example.com.')).toBeVisible();
    expect(screen.getByText('The password needs at least 8 characters.')).toBeVisible();
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
      /8 to 128 characters.*The password needs at least 8 characters\./,
    );
    expect(screen.getByLabelText('Name')).toHaveFocus();
    expect(calls).toHaveLength(0);
  });

  it('puts the field errors of a 400 problem on the fields', async () => {
    const { fetch } = fakeFetch(() =>
      problem(400, 'validation_failed', 'The request has invalid fields', {
        errors: [
          { field: 'email', message: 'must be a valid email address' },
          { field: 'name', message: 'size must be between 0 and 255' },
        ],
      }),
    );
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<SignUpForm onSuccess={() => {}} />);

    await fill({ name: 'Hana', email: 'hana@example.test', password: 'long enough password' });

    expect(await screen.findByText('must be a valid email address')).toBeVisible();
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('size must be between 0 and 255');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so on the email field when the address is taken', async () => {
    const { fetch } = fakeFetch(() => problem(409, 'email_taken', 'An account with this email exists'));
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<SignUpForm onSuccess={() => {}} />);

    await fill({ name: 'Hana', email: 'hana@example.test', password: 'long enough password' });

    expect(await screen.findByText('An account with this email already exists. Sign in instead?')).toBeVisible();
    expect(screen.getByLabelText('Email')).toHaveFocus();
  });

  it('shows a problem without field errors above the form', async () => {
    const { fetch } = fakeFetch(() => problem(429, 'rate_limited', 'Slow down', {}, { 'Retry-After': '30' }));
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<SignUpForm onSuccess={() => {}} />);

    await fill({ name: 'Hana', email: 'hana@example.test', password: 'long enough password' });

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Try again in 30 seconds.');
  });

  it('signs the new account in and sends what the user typed', async () => {
    const { fetch, calls } = fakeFetch(() => json(201, sessionBody('access-1', 'refresh-1')));
    vi.stubGlobal('fetch', fetch);
    const onSuccess = vi.fn();
    renderWithProviders(<SignUpForm onSuccess={onSuccess} />);

    await fill({ name: '  Hana  ', email: 'hana@example.test', password: 'long enough password' });

    await waitFor(() => expect(onSuccess).toHaveBeenCalledOnce());
    expect(calls[0]?.url).toBe('/api/auth/register');
    expect(calls[0]?.body).toEqual({ name: 'Hana', email: 'hana@example.test', password: 'long enough password' });
    expect(session.isSignedIn()).toBe(true);
    expect(session.accessToken()).toBe('access-1');
  });

  it('speaks Japanese', async () => {
    vi.stubGlobal('fetch', fakeFetch(() => json(500, {})).fetch);
    renderWithProviders(<SignUpForm onSuccess={() => {}} />, { locale: 'ja' });
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'アカウントを作成' }));

    expect(await screen.findByText('氏名を入力してください。')).toBeVisible();
  });
});
