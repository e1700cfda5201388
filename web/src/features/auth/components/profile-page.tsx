import { Alert } from '@/components/ui/alert';
import { Page } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import { useUser } from '@/lib/auth/get-me';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { RoleBadges } from '@/components/role-badges';
import { NameForm, PasswordForm } from './profile-forms';

export function ProfilePage() {
  const { t, dateTime } = useI18n();
  const user = useUser();
  return (
    <Page title={t('profile.title')}>
      {user.isPending ? <Spinner label={t('common.loading')} /> : null}
      {user.isError ? <Alert tone="error">{errorMessage(user.error, t)}</Alert> : null}
      {user.data ? (
        <dl className="details">
          <dt>{t('auth.name')}</dt>
          <dd data-testid="profile-name">{user.data.name ?? '—'}</dd>
          <dt>{t('auth.email')}</dt>
          <dd>{user.data.email}</dd>
          <dt>{t('profile.roles')}</dt>
          <dd>
            <RoleBadges roles={user.data.roles} />
          </dd>
          <dt>{t('profile.memberSince')}</dt>
          <dd>{dateTime(user.data.createdAt)}</dd>
        </dl>
      ) : null}
      {user.data ? (
        <div className="profile-forms">
          <NameForm key={user.data.id} name={user.data.name} />
          <PasswordForm />
        </div>
      ) : null}
    </Page>
  );
}
