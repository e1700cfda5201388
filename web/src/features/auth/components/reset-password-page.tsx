import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useLocation } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Page } from '@/components/ui/page';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { isApiError } from '@/lib/problem';
import { newPasswordInputSchema, resetTokenOf, useConfirmPasswordReset, type NewPasswordInput } from '../api/password-reset';
import { NewPasswordFields } from './new-password-fields';

/** The page a reset link opens: choose a new password, then sign in with it. */
export function ResetPasswordPage() {
  const { t, message } = useI18n();
  const { hash } = useLocation();
  const [token] = useState(() => resetTokenOf(hash));
  const confirm = useConfirmPasswordReset();
  const [done, setDone] = useState(false);
  const form = useForm<NewPasswordInput>({
    resolver: zodResolver(newPasswordInputSchema),
    defaultValues: { password: '', confirmation: '' },
  });
  const { errors } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    if (token === null) {
      return;
    }
    await confirm.mutateAsync({ token, password: values.password }).then(
      () => setDone(true),
      () => undefined,
    );
  });

  const linkRefused =
    token === null || (isApiError(confirm.error) && confirm.error.fieldErrors.some((error) => error.field === 'token'));

  return (
    <div className="auth-card">
      <Page title={t('account.reset.title')}>
        {done ? (
          <>
            <Alert tone="success" title={t('account.reset.doneTitle')}>
              {t('account.reset.done')}
            </Alert>
            <p className="form-footer">
              <Link to="/sign-in">{t('auth.signIn')}</Link>
            </p>
          </>
        ) : linkRefused ? (
          <>
            <Alert tone="error" title={t('account.reset.invalidTitle')}>
              {t('account.reset.invalid')}
            </Alert>
            <p className="form-footer">
              <Link to="/forgot-password">{t('account.reset.askAgain')}</Link>
            </p>
          </>
        ) : (
          <form className="form" onSubmit={submit} noValidate>
            {confirm.isError ? <Alert tone="error">{errorMessage(confirm.error, t)}</Alert> : null}
            <NewPasswordFields
              password={form.register('password')}
              confirmation={form.register('confirmation')}
              passwordError={message(errors.password?.message)}
              confirmationError={message(errors.confirmation?.message)}
            />
            <Button type="submit" busy={form.formState.isSubmitting}>
              {t('account.reset.submit')}
            </Button>
          </form>
        )}
      </Page>
    </div>
  );
}
