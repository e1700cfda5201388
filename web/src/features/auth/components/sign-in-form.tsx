import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import { applyServerErrors } from '@/lib/form';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { isApiError } from '@/lib/problem';
import { withNext } from '../next';
import { loginInputSchema, useLogin, type LoginInput } from '../api/login';

/** `next`: the page to return to afterwards, kept by the link to the other form. */
export function SignInForm({ onSuccess, next = null }: { onSuccess: () => void; next?: string | null }) {
  const { t, message } = useI18n();
  const login = useLogin();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<LoginInput>({
    resolver: zodResolver(loginInputSchema),
    defaultValues: { email: '', password: '' },
  });
  const { errors } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await login.mutateAsync(values);
      onSuccess();
    } catch (error) {
      const rest = applyServerErrors(error, ['email', 'password'], form.setError);
      setFormError(rest === null ? null : isApiError(error) ? errorMessage(error, t) : rest);
    }
  });

  return (
    <form className="form" onSubmit={submit} noValidate aria-describedby={formError ? 'sign-in-error' : undefined}>
      {formError ? (
        <div id="sign-in-error">
          <Alert tone="error">{formError}</Alert>
        </div>
      ) : null}
      <TextField
        label={t('auth.email')}
        type="email"
        autoComplete="username"
        inputMode="email"
        error={message(errors.email?.message)}
        {...form.register('email')}
      />
      <TextField
        label={t('auth.password')}
        type="password"
        autoComplete="current-password"
        error={message(errors.password?.message)}
        {...form.register('password')}
      />
      <p className="form-aside">
        <Link to="/forgot-password">{t('account.forgot.link')}</Link>
      </p>
      <Button type="submit" busy={form.formState.isSubmitting}>
        {t('auth.signIn')}
      </Button>
      <p className="form-footer">
        {t('auth.noAccount')} <Link to={withNext('/sign-up', next)}>{t('auth.signUp')}</Link>
      </p>
    </form>
  );
}
