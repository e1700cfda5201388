import type { UseFormRegisterReturn } from 'react-hook-form';
import { TextField } from '@/components/ui/fields';
import { useI18n } from '@/lib/i18n/i18n-provider';

/** A new password and its confirmation, as a password change and a reset link ask for them. */
export function NewPasswordFields({
  password,
  confirmation,
  passwordError,
  confirmationError,
}: {
  password: UseFormRegisterReturn;
  confirmation: UseFormRegisterReturn;
  /** Already translated. */
  passwordError: string | undefined;
  /** Already translated. */
  confirmationError: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        label={t('account.newPassword')}
        type="password"
        autoComplete="new-password"
        hint={t('auth.passwordHint')}
        error={passwordError}
        {...password}
      />
      <TextField
        label={t('account.confirmPassword')}
        type="password"
        autoComplete="new-password"
        error={confirmationError}
        {...confirmation}
      />
    </>
  );
}
