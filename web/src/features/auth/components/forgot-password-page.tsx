import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import { Page } from '@/components/ui/page';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { forgotPasswordInputSchema, useRequestPasswordReset, type ForgotPasswordInput } from '../api/password-reset';

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t, message } = useI18n();
  const request = useRequestPasswordReset();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm<ForgotPasswordInput>({
    resolver: zodResolver(forgotPasswordInputSchema),
    defaultValues: { email: '' },
  });

  const submit = form.handleSubmit(async (values) => {
    await request.mutateAsync(values).then(
      () => setSentTo(values.email),
      () => undefined,
    );
  });

  return (
    <div className="auth-card">
      <Page title={t('account.forgot.title')}>
        {sentTo ? (
          <Alert tone="success" title={t('account.forgot.sentTitle')}>
            {t('account.forgot.sent', { email: sentTo })}
          </Alert>
        ) : (
          <form className="form" onSubmit={submit} noValidate>
            <p className="muted">{t('account.forgot.lead')}</p>
            {request.isError ? <Alert tone="error">{errorMessage(request.error, t)}</Alert> : null}
            <TextField
              label={t('auth.email')}
              type="email"
              autoComplete="username"
              inputMode="email"
              error={message(form.formState.errors.email?.message)}
              {...form.register('email')}
            />
            <Button type="submit" busy={form.formState.isSubmitting}>
              {t('account.forgot.submit')}
            </Button>
          </form>
        )}
        <p className="form-footer">
          <Link to="/sign-in">{t('account.backToSignIn')}</Link>
        </p>
      </Page>
    </div>
  );
}
