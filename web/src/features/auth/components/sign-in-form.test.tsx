import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeFetch, problem } from '@/testing/http';
import { renderWithProviders } from '@/testing/render';
import { SignInForm } from './sign-in-form';

describe('the sign-in form', () => {
  it('shows a readable message for wrong credentials and keeps the user on the form', async () => {
    vi.stubGlobal('fetch', fakeFetch(() => problem(401, 'invalid_credentials', 'Wrong email or password')).fetch);
    const onSuccess = vi.fn();
    renderWithProviders(<SignInForm onSuccess={onSuccess} />);
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Email'), 'hana@example.test');
    await user.type(screen.getByLabelText('Password'), 'not the password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('The email or password is not right.');
    expect(onSuccess).not.toHaveBeenCalled();
  });
});
