import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { isApiError } from '@/lib/problem';
import {
  nameInputSchema,
  passwordChangeInputSchema,
  useChangePassword,
  useUpdateName,
  type NameInput,
  type PasswordChangeInput,
} from '../api/account';
import { NewPasswordFields } from './new-password-fields';

/** Edits the signed-in user's name. */
export function NameForm({ name }: { name: string | null }) {
  const { t, message } = useI18n();
  const titleId = useId();
  const update = useUpdateName();
  const [saved, setSaved] = useState(false);
  const form = useForm<NameInput>({ resolver: zodResolver(nameInputSchema), defaultValues: { name: name ?? '' } });

  const submit = form.handleSubmit(async (values) => {
    setSaved(false);
    await update.mutateAsync(values).then(
      (user) => {
        form.reset({ name: user.name ?? '' });
        setSaved(true);
      },
      () => undefined,
    );
  });

  return (
    <section className="card profile-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('account.name.title')}</h2>
      <form className="form" onSubmit={submit} noValidate>
        {saved ? <Alert tone="success">{t('account.name.saved')}</Alert> : null}
        {update.isError ? <Alert tone="error">{errorMessage(update.error, t)}</Alert> : null}
        <TextField
          label={t('auth.name')}
          autoComplete="name"
          error={message(form.formState.errors.name?.message)}
          {...form.register('name')}
        />
        <Button type="submit" busy={form.formState.isSubmitting}>
          {t('common.save')}
        </Button>
      </form>
    </section>
  );
}

/** Changes the password with the current one; other devices are signed out. */
export function PasswordForm() {
  const { t, message } = useI18n();
  const titleId = useId();
  const change = useChangePassword();
  const [changed, setChanged] = useState(false);
  const form = useForm<PasswordChangeInput>({
    resolver: zodResolver(passwordChangeInputSchema),
    defaultValues: { currentPassword: '', newPassword: '', confirmation: '' },
  });
  const { errors } = form.formState;

  const submit = form.handleSubmit(async ({ currentPassword, newPassword }) => {
    setChanged(false);
    try {
      await change.mutateAsync({ currentPassword, newPassword });
      form.reset();
      setChanged(true);
    } catch (error) {
      if (isApiError(error) && error.fieldErrors.some((field) => field.field === 'currentPassword')) {
        form.setError('currentPassword', { type: 'server', message: 'account.password.wrongCurrent' }, { shouldFocus: true });
      }
    }
  });

  const wrongCurrent = isApiError(change.error) && change.error.fieldErrors.some((f) => f.field === 'currentPassword');
  return (
    <section className="card profile-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('account.password.title')}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <p className="muted">{t('account.password.lead')}</p>
        {changed ? <Alert tone="success">{t('account.password.changed')}</Alert> : null}
        {change.isError && !wrongCurrent ? <Alert tone="error">{errorMessage(change.error, t)}</Alert> : null}
        <TextField
          label={t('account.currentPassword')}
          type="password"
          autoComplete="current-password"
          error={message(errors.currentPassword?.message)}
          {...form.register('currentPassword')}
        />
        <NewPasswordFields
          password={form.register('newPassword')}
          confirmation={form.register('confirmation')}
          passwordError={message(errors.newPassword?.message)}
          confirmationError={message(errors.confirmation?.message)}
        />
        <Button type="submit" busy={form.formState.isSubmitting}>
          {t('account.password.submit')}
        </Button>
      </form>
    </section>
  );
}
