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
import { registerInputSchema, useRegister, type RegisterInput } from '../api/register';

const FIELDS = ['email', 'password', 'name'] as const;

/** `next`: the page to return to afterwards, kept by the link to the other form. */
export function SignUpForm({ onSuccess, next = null }: { onSuccess: () => void; next?: string | null }) {
  const { t, message } = useI18n();
  const registration = useRegister();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<RegisterInput>({
    resolver: zodResolver(registerInputSchema),
    defaultValues: { email: '', password: '', name: '' },
  });
  const { errors } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await registration.mutateAsync(values);
      onSuccess();
    } catch (error) {
      if (isApiError(error) && error.code === 'email_taken') {
        form.setError('email', { type: 'server', message: t('errors.emailTaken') }, { shouldFocus: true });
        return;
      }
      const rest = applyServerErrors(error, FIELDS, form.setError);
      setFormError(rest === null ? null : isApiError(error) && error.fieldErrors.length === 0 ? errorMessage(error, t) : rest);
    }
  });

  return (
    <form className="form" onSubmit={submit} noValidate>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <TextField label={t('auth.name')} autoComplete="name" error={message(errors.name?.message)} {...form.register('name')} />
      <TextField
        label={t('auth.email')}
        type="email"
        autoComplete="email"
        inputMode="email"
        error={message(errors.email?.message)}
        {...form.register('email')}
      />
      <TextField
        label={t('auth.password')}
        type="password"
        autoComplete="new-password"
        hint={t('auth.passwordHint')}
        error={message(errors.password?.message)}
        {...form.register('password')}
      />
      <Button type="submit" busy={form.formState.isSubmitting}>
        {t('auth.createAccount')}
      </Button>
      <p className="form-footer">
        {t('auth.haveAccount')} <Link to={withNext('/sign-in', next)}>{t('auth.signIn')}</Link>
      </p>
    </form>
  );
}
